"""What a number in Indonesian news counts: counted nouns, events, scope words, and their English.

Hand-written: no maintained Indonesian–English lexicon covers the counted nouns of news
reports (troops, passengers, suspects, ships), and a figures table must not depend on the MT
model (a mistranslation must not corrupt it).  Entries are grouped into classes: two figures
can only state the same fact when their classes agree, and only counts of one class can
disagree.  Generic counters ("orang", "unit") agree with any class of their kind.
"""

from __future__ import annotations

__all__ = ["HEADS", "PERSON_CLASSES", "GENERIC_HEADS", "EVENTS", "SCOPES", "UNITS", "ADJECTIVES",
           "QUALIFIERS", "NOT_A_FIGURE_BEFORE", "gloss"]

# Counted noun → (class, English).  Multi-word entries are matched first.
HEADS: dict[str, tuple[str, str]] = {
    "penjinak ranjau": ("sappers", "sappers (mine clearers)"),
    "tenaga kerja": ("workers", "workers"),
    "korban jiwa": ("dead", "dead"),
    "korban tewas": ("dead", "dead"),
    "korban meninggal": ("dead", "dead"),
    "korban selamat": ("survivors", "survivors"),
    "anak buah kapal": ("crew", "crew"),
    "tentara": ("troops", "troops"), "tentaranya": ("troops", "troops"),
    "pasukan": ("troops", "troops"), "prajurit": ("troops", "soldiers"), "serdadu": ("troops", "soldiers"),
    "personel": ("troops", "personnel"), "militer": ("troops", "military personnel"),
    "sapper": ("sappers", "sappers (mine clearers)"),
    "pekerja": ("workers", "workers"), "buruh": ("workers", "workers"), "karyawan": ("workers", "employees"),
    "teknisi": ("technicians", "technicians"),
    "penumpang": ("passengers", "passengers"), "kru": ("crew", "crew"), "awak": ("crew", "crew"),
    "abk": ("crew", "crew"),
    "korban": ("victims", "victims"), "jenazah": ("dead", "bodies"), "kematian": ("dead", "deaths"),
    "tersangka": ("suspects", "suspects"), "terdakwa": ("defendants", "defendants"),
    "saksi": ("witnesses", "witnesses"), "pengungsi": ("refugees", "refugees"),
    "warga": ("residents", "residents"), "penduduk": ("residents", "residents"),
    "siswa": ("students", "students"), "pelajar": ("students", "students"),
    "mahasiswa": ("students", "university students"), "anak": ("children", "children"),
    "polisi": ("police", "police officers"), "pejabat": ("officials", "officials"),
    "orang": ("people", "people"), "jiwa": ("people", "people"), "nama": ("people", "people named"),
    "kapal": ("ships", "ships"), "perahu": ("boats", "boats"), "sekoci": ("lifeboats", "lifeboats"),
    "kendaraan": ("vehicles", "vehicles"), "mobil": ("vehicles", "cars"), "truk": ("vehicles", "trucks"),
    "ambulans": ("vehicles", "ambulances"), "bus": ("vehicles", "buses"), "motor": ("vehicles", "motorcycles"),
    "pesawat": ("aircraft", "aircraft"), "helikopter": ("aircraft", "helicopters"),
    "rumah": ("houses", "houses"), "bangunan": ("buildings", "buildings"), "sekolah": ("schools", "schools"),
    "desa": ("villages", "villages"), "negara": ("countries", "countries"), "provinsi": ("provinces", "provinces"),
    "rudal": ("missiles", "missiles"), "drone": ("drones", "drones"), "tank": ("tanks", "tanks"),
    "kasus": ("cases", "cases"), "unit": ("units", "units"), "buah": ("units", "items"),
    "delegasi": ("delegations", "delegations"),
}
# Heads that count people in general (or say only what happened to them): they agree with any
# class of people.
GENERIC_HEADS = frozenset({"people", "units", "victims", "dead", "survivors"})
PERSON_CLASSES = frozenset({"troops", "sappers", "workers", "technicians", "passengers", "crew", "victims",
                            "dead", "survivors", "suspects", "defendants", "witnesses", "refugees",
                            "residents", "students", "children", "police", "officials", "people"})

# Event words → (class, English).  A count of the dead and a count of the sent never agree.
EVENTS: dict[str, tuple[str, str]] = {
    "meninggal dunia": ("killed", "killed"), "luka-luka": ("injured", "injured"),
    "dalam pencarian": ("missing", "missing"), "belum ditemukan": ("missing", "missing"),
    "tewas": ("killed", "killed"), "meninggal": ("killed", "dead"), "gugur": ("killed", "killed"),
    "terbunuh": ("killed", "killed"), "kematian": ("killed", "deaths"), "jenazah": ("killed", "dead"),
    "luka": ("injured", "injured"), "terluka": ("injured", "injured"), "cedera": ("injured", "injured"),
    "hilang": ("missing", "missing"), "pencarian": ("missing", "missing"),
    "selamat": ("survived", "rescued alive"), "diselamatkan": ("survived", "rescued alive"),
    "ditemukan": ("found", "found"),
    "kirim": ("sent", "sent"), "mengirim": ("sent", "sent"), "dikirim": ("sent", "sent"),
    "mengirimkan": ("sent", "sent"), "dikirimkan": ("sent", "sent"), "kerahkan": ("sent", "deployed"),
    "mengerahkan": ("sent", "deployed"), "dikerahkan": ("sent", "deployed"), "dipindahkan": ("sent", "moved"),
    "diterjunkan": ("sent", "deployed"), "ditempatkan": ("sent", "stationed"), "dimobilisasi": ("sent", "mobilised"),
    "tiba": ("arrived", "arrived"), "datang": ("arrived", "arrived"),
    "ditangkap": ("arrested", "arrested"), "ditahan": ("arrested", "detained"), "diamankan": ("arrested", "detained"),
    "ditetapkan": ("charged", "named"), "dievakuasi": ("evacuated", "evacuated"),
    "mengungsi": ("evacuated", "displaced"), "kehilangan": ("lost", "lost"),
    "diserahkan": ("handed_over", "handed over"), "mengangkut": ("carried", "on board"),
    "terdaftar": ("registered", "registered"), "kerugian negara": ("loss", "state loss"),
    "kerugian": ("loss", "loss"),
}

# Words that narrow what is counted ("pasukan konstruksi", "tambahan", "berencana"): figures with
# different scopes count different things.
SCOPES: dict[str, str] = {
    "konstruksi": "construction", "zeni": "engineer", "tambahan": "additional",
    "perbatasan": "near the border", "garis depan": "front line", "berencana": "planned",
    "rencana": "planned", "akan": "planned", "ti": "IT", "total": "total",
    "ekspor": "export", "impor": "import", "kompensasi": "compensation", "subsidi": "subsidy",
    "di antaranya": "of them", "antaranya": "of them",
}

# Units read from the word after the number (physical units come from numbers.units).
UNITS: dict[str, str] = {
    "persen": "%", "%": "%", "hari": "day", "pekan": "week", "minggu": "week", "bulan": "month",
    "tahun": "year", "jam": "hour", "menit": "minute", "detik": "second",
}

# Adjectives of nationality and place, read after the head ("tentara Korea Utara").
ADJECTIVES: dict[str, str] = {
    "korea utara": "North Korean", "korut": "North Korean", "korea selatan": "South Korean",
    "korsel": "South Korean", "rusia": "Russian", "ukraina": "Ukrainian", "indonesia": "Indonesian",
    "as": "US", "amerika serikat": "US", "china": "Chinese", "tiongkok": "Chinese", "jepang": "Japanese",
}

QUALIFIERS: dict[str, str] = {
    "sekitar": "about", "kurang lebih": "about", "kira-kira": "about", "setidaknya": "at least",
    "sedikitnya": "at least", "minimal": "at least", "paling sedikit": "at least",
    "lebih dari": "more than", "hampir": "nearly", "kurang dari": "less than", "hingga": "up to",
    "maksimal": "at most", "mencapai": "", "sebanyak": "", "sebesar": "", "total": "",
}

# A number right after these is a label, not a quantity ("Pasal 2", "No. 11", "ke-3").
NOT_A_FIGURE_BEFORE = frozenset({"pasal", "ayat", "nomor", "no", "no.", "tahap", "ke", "ke-", "jilid",
                                 "halaman", "nomer", "kode", "tipe", "seri", "pukul", "jam", "tanggal"})


def gloss(word: str) -> str | None:
    """English for one lexicon word (head, event, scope or adjective), if the lexicon has it."""
    low = word.lower()
    for table in (HEADS, EVENTS):
        if low in table:
            return table[low][1]
    return SCOPES.get(low) or ADJECTIVES.get(low)
