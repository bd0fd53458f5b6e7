"""The unit tables of the quantity reader: Indonesian and English unit words, their dimension
and size in the dimension's base unit, and the English name a repair writes.

Hand-written: no maintained library reads Indonesian unit words, and the English side must
match the Indonesian side's coverage exactly.  Conversion factors are exact definitions.
"""

from __future__ import annotations

__all__ = ["SPEED_ID", "UNITS_ID", "UNITS_EN", "ENGLISH_UNIT"]

# (pattern, dimension, size in the dimension's base unit).  Longest alternatives first.
SPEED_ID = [
    (r"(?:km|kilometer)\s?(?:/|per)\s?jam", "speed", 1.0),
    (r"(?:mil)\s?(?:/|per)\s?jam", "speed", 1.609344),
    (r"knot", "speed", 1.852),
]
UNITS_ID = SPEED_ID + [
    (r"km2|km²|(?:kilometer|km) persegi", "area", 1e6),
    (r"mil persegi", "area", 2589988.110336),
    (r"m2|m²|(?:meter|m) persegi", "area", 1.0),
    (r"(?:meter|m) kubik|m3|m³", "volume", 1000.0),
    (r"kaki kubik", "volume", 28.316846592),
    (r"km|kilometer", "length", 1000.0),
    (r"meter|m", "length", 1.0),
    (r"cm|sentimeter|centimeter", "length", 0.01),
    (r"mm|milimeter", "length", 0.001),
    (r"mil", "length", 1609.344),
    (r"kaki", "length", 0.3048),
    (r"inci", "length", 0.0254),
    (r"kg|kilogram", "mass", 1.0),
    (r"gram|g|gr", "mass", 0.001),
    (r"ton", "mass", 1000.0),
    (r"pon", "mass", 0.45359237),
    (r"hektare|hektar|ha", "area", 10000.0),
    (r"liter|l", "volume", 1.0),
    (r"galon", "volume", 3.785411784),
    (r"(?:derajat\s?)?fahrenheit|°\s?F", "temperature_f", 1.0),
    # Indonesia measures in Celsius: a bare "derajat" of weather is Celsius.
    (r"derajat(?:\s?celsius)?|°\s?C|°", "temperature_c", 1.0),
]
UNITS_EN = [
    (r"(?:km|kilomet(?:er|re)s?)\s?(?:/|per|an)\s?(?:h|hr|hour)|kph|km/h", "speed", 1.0),
    (r"(?:mph|miles?\s?(?:/|per|an)\s?(?:h|hr|hour))", "speed", 1.609344),
    (r"knots?", "speed", 1.852),
    (r"(?:square kilomet(?:er|re)s?|sq\.? km|km2|km²)", "area", 1e6),
    (r"(?:square miles?|sq\.? mi)", "area", 2589988.110336),
    (r"(?:square met(?:er|re)s?|sq\.? m|m2|m²)", "area", 1.0),
    (r"km|kilomet(?:er|re)s?", "length", 1000.0),
    (r"met(?:er|re)s?", "length", 1.0),
    (r"cm|centimet(?:er|re)s?", "length", 0.01),
    (r"mm|millimet(?:er|re)s?", "length", 0.001),
    (r"miles?|mi", "length", 1609.344),
    (r"feet|foot|ft", "length", 0.3048),
    (r"inch(?:es)?", "length", 0.0254),
    (r"yards?|yd", "length", 0.9144),
    (r"kg|kilos?|kilograms?|kilogrammes?", "mass", 1.0),
    (r"grams?|grammes?|g", "mass", 0.001),
    (r"tonnes?|tons?", "mass", 1000.0),
    (r"pounds?|lbs?", "mass", 0.45359237),
    (r"hectares?|ha", "area", 10000.0),
    (r"acres?", "area", 4046.8564224),
    (r"cubic met(?:er|re)s?|m3|m³", "volume", 1000.0),
    (r"cubic f(?:ee|oo)t|cu\.? ft", "volume", 28.316846592),
    (r"lit(?:er|re)s?|l", "volume", 1.0),
    (r"gallons?", "volume", 3.785411784),
    (r"(?:degrees?\s?)?fahrenheit|°\s?F", "temperature_f", 1.0),
    (r"(?:degrees?\s?)?(?:celsius|centigrade)|°\s?C", "temperature_c", 1.0),
    # A bare "degrees" says no scale: read as the source's own.
    (r"degrees?|°", "temperature_any", 1.0),
    (r"m", "length", 1.0),  # last: "1.7 m tall"; never after a currency ("$5m")
]


# English names for the units a repair writes, by dimension and size.
ENGLISH_UNIT = {
    ("length", 1000.0): "km", ("length", 1.0): "metres", ("length", 0.01): "cm",
    ("length", 0.001): "mm", ("length", 1609.344): "miles", ("length", 0.3048): "feet",
    ("length", 0.0254): "inches", ("mass", 1.0): "kg", ("mass", 0.001): "grams",
    ("mass", 1000.0): "tonnes", ("mass", 0.45359237): "pounds", ("area", 10000.0): "hectares",
    ("area", 1e6): "square kilometres", ("area", 2589988.110336): "square miles",
    ("area", 1.0): "square metres", ("volume", 1.0): "litres", ("volume", 3.785411784): "gallons",
    ("volume", 1000.0): "cubic metres", ("volume", 28.316846592): "cubic feet",
    ("speed", 1.0): "km/h", ("speed", 1.609344): "mph", ("speed", 1.852): "knots",
    ("temperature_c", 1.0): "°C", ("temperature_f", 1.0): "°F",
}
