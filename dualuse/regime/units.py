"""Units of the list's technical parameters, and the conversions between them.

The list states thresholds in many units (mm and µm, kN, mrad, Hz to GHz, kVA, cN/dtex, L,
Ci and GBq, weighted TFLOPS ...). A threshold is stored in the unit the list prints; a value
read from an invoice may come in another unit of the same dimension and is converted before
it is compared. Temperatures are the one affine case (°C and K).

Parameter names end with the symbol of their unit (``payload_kg``, ``chamber_diameter_mm``,
``purity_pct``) so that a value given as ``param_payload_kg=30`` carries its unit; the data
validator checks that a name and its unit agree.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Unit:
    """One unit: its dimension, its factor to the dimension's base unit, its name suffix."""

    symbol: str
    dimension: str
    factor: float
    suffix: str
    offset: float = 0.0  # only temperatures: base = value * factor + offset


def _u(symbol: str, dimension: str, factor: float, suffix: str, offset: float = 0.0) -> Unit:
    return Unit(symbol, dimension, factor, suffix, offset)


_TABLE: tuple[Unit, ...] = (
    # length (base m)
    _u("nm", "length", 1e-9, "nm"),
    _u("um", "length", 1e-6, "um"),
    _u("mm", "length", 1e-3, "mm"),
    _u("cm", "length", 1e-2, "cm"),
    _u("m", "length", 1.0, "m"),
    _u("km", "length", 1e3, "km"),
    # area (base m2)
    _u("mm2", "area", 1e-6, "mm2"),
    _u("cm2", "area", 1e-4, "cm2"),
    _u("m2", "area", 1.0, "m2"),
    # volume (base m3)
    _u("mL", "volume", 1e-6, "ml"),
    _u("L", "volume", 1e-3, "l"),
    _u("m3", "volume", 1.0, "m3"),
    # mass (base kg)
    _u("mg", "mass", 1e-6, "mg"),
    _u("g", "mass", 1e-3, "g"),
    _u("kg", "mass", 1.0, "kg"),
    _u("t", "mass", 1e3, "t"),
    # time (base s)
    _u("ns", "time", 1e-9, "ns"),
    _u("us", "time", 1e-6, "us"),
    _u("ms", "time", 1e-3, "ms"),
    _u("s", "time", 1.0, "s"),
    _u("min", "time", 60.0, "min"),
    _u("h", "time", 3600.0, "h"),
    # temperature (base K)
    _u("C", "temperature", 1.0, "c", 273.15),
    _u("K", "temperature", 1.0, "k"),
    # pressure (base Pa)
    _u("Pa", "pressure", 1.0, "pa"),
    _u("kPa", "pressure", 1e3, "kpa"),
    _u("MPa", "pressure", 1e6, "mpa"),
    _u("GPa", "pressure", 1e9, "gpa"),
    _u("bar", "pressure", 1e5, "bar"),
    # force (base N)
    _u("N", "force", 1.0, "n"),
    _u("kN", "force", 1e3, "kn"),
    # frequency (base Hz)
    _u("Hz", "frequency", 1.0, "hz"),
    _u("kHz", "frequency", 1e3, "khz"),
    _u("MHz", "frequency", 1e6, "mhz"),
    _u("GHz", "frequency", 1e9, "ghz"),
    # power (base W); apparent power kept apart (kVA)
    _u("mW", "power", 1e-3, "mw"),
    _u("W", "power", 1.0, "w"),
    _u("kW", "power", 1e3, "kw"),
    _u("MW", "power", 1e6, "megawatt"),
    _u("kVA", "apparent_power", 1e3, "kva"),
    # energy (base J)
    _u("mJ", "energy", 1e-3, "mj"),
    _u("J", "energy", 1.0, "j"),
    _u("kJ", "energy", 1e3, "kj"),
    _u("Wh", "energy", 3600.0, "wh"),
    _u("kWh", "energy", 3.6e6, "kwh"),
    # electric
    _u("V", "voltage", 1.0, "v"),
    _u("kV", "voltage", 1e3, "kv"),
    _u("mA", "current", 1e-3, "ma"),
    _u("A", "current", 1.0, "a"),
    _u("kA", "current", 1e3, "ka"),
    _u("uF", "capacitance", 1e-6, "uf"),
    _u("T", "magnetic_field", 1.0, "tesla"),
    # angles (base rad)
    _u("urad", "angle", 1e-6, "urad"),
    _u("mrad", "angle", 1e-3, "mrad"),
    _u("deg", "angle", 0.017453292519943295, "deg"),
    _u("arcsec", "angle", 4.84813681109536e-06, "arcsec"),
    # angular rate (base deg/h)
    _u("deg/h", "angular_rate", 1.0, "deg_h"),
    _u("deg/s", "angular_rate", 3600.0, "deg_s"),
    # acceleration (base g0)
    _u("ug", "acceleration", 1e-6, "ug"),
    _u("mg0", "acceleration", 1e-3, "mg0"),
    _u("g0", "acceleration", 1.0, "g0"),
    # speed (base m/s)
    _u("m/s", "speed", 1.0, "m_s"),
    _u("km/h", "speed", 1 / 3.6, "km_h"),
    _u("kn", "speed", 0.514444, "knots"),
    _u("Mach", "speed_mach", 1.0, "mach"),
    # flow (base m3/h)
    _u("L/min", "flow", 0.06, "l_min"),
    _u("m3/h", "flow", 1.0, "m3_h"),
    _u("m3/day", "flow", 1 / 24, "m3_day"),
    # density and specific quantities
    _u("g/cm3", "density", 1.0, "g_cm3"),
    _u("kg/m3", "density", 1e-3, "kg_m3"),
    _u("cN/dtex", "tenacity", 1.0, "cn_dtex"),
    _u("Wh/kg", "specific_energy", 1.0, "wh_kg"),
    _u("mAh/g", "specific_capacity", 1.0, "mah_g"),
    _u("Ns", "impulse", 1.0, "n_s"),
    _u("kNs", "impulse", 1e3, "kn_s"),
    # radioactivity (base Bq) and dose
    _u("Bq", "activity", 1.0, "bq"),
    _u("GBq", "activity", 1e9, "gbq"),
    _u("TBq", "activity", 1e12, "tbq"),
    _u("Ci", "activity", 3.7e10, "ci"),
    _u("Gy/h", "dose_rate", 1.0, "gy_h"),
    _u("MeV", "particle_energy", 1.0, "mev"),
    _u("keV", "particle_energy", 1e-3, "kev"),
    # computing and signals
    _u("TFLOPS", "computing", 1.0, "tflops"),
    _u("WT", "weighted_computing", 1.0, "wt"),
    _u("bit", "bits", 1.0, "bits"),
    _u("Mbit/s", "data_rate", 1e6, "mbps"),
    _u("Gbit/s", "data_rate", 1e9, "gbps"),
    _u("MSa/s", "sample_rate", 1e6, "msps"),
    _u("GSa/s", "sample_rate", 1e9, "gsps"),
    _u("dB", "decibel", 1.0, "db"),
    _u("dBm", "power_level", 1.0, "dbm"),
    # dimensionless
    _u("%", "fraction", 1.0, "pct"),
    _u("ppm", "fraction", 1e-4, "ppm"),
    _u("count", "count", 1.0, "count"),
    _u("HRB", "hardness_rockwell_b", 1.0, "hrb"),
    _u("HRC", "hardness_rockwell_c", 1.0, "hrc"),
    _u("ratio", "ratio", 1.0, "ratio"),
)

UNITS: dict[str, Unit] = {u.symbol: u for u in _TABLE}
BY_SUFFIX: dict[str, Unit] = {u.suffix: u for u in _TABLE}

# Spellings seen in the list texts and on invoices, folded to a symbol above.
ALIASES: dict[str, str] = {
    "μm": "um",
    "µm": "um",
    "微米": "um",
    "毫米": "mm",
    "厘米": "cm",
    "米": "m",
    "千米": "km",
    "公里": "km",
    "纳米": "nm",
    "ml": "mL",
    "l": "L",
    "升": "L",
    "毫升": "mL",
    "立方米": "m3",
    "m³": "m3",
    "mm²": "mm2",
    "cm²": "cm2",
    "m²": "m2",
    "平方米": "m2",
    "千克": "kg",
    "公斤": "kg",
    "克": "g",
    "吨": "t",
    "毫克": "mg",
    "秒": "s",
    "分钟": "min",
    "分": "min",
    "小时": "h",
    "hr": "h",
    "hrs": "h",
    "hour": "h",
    "hours": "h",
    "mins": "min",
    "minute": "min",
    "minutes": "min",
    "sec": "s",
    "μs": "us",
    "µs": "us",
    "微秒": "us",
    "纳秒": "ns",
    "毫秒": "ms",
    "℃": "C",
    "°C": "C",
    "°c": "C",
    "摄氏度": "C",
    "kpa": "kPa",
    "mpa": "MPa",
    "gpa": "GPa",
    "pa": "Pa",
    "帕": "Pa",
    "兆帕": "MPa",
    "千帕": "kPa",
    "吉帕": "GPa",
    "kn": "kN",
    "千牛": "kN",
    "牛": "N",
    "hz": "Hz",
    "赫兹": "Hz",
    "khz": "kHz",
    "mhz": "MHz",
    "ghz": "GHz",
    "千赫": "kHz",
    "兆赫": "MHz",
    "吉赫": "GHz",
    "w": "W",
    "瓦": "W",
    "kw": "kW",
    "千瓦": "kW",
    "兆瓦": "MW",
    "mw": "mW",
    "kva": "kVA",
    "千伏安": "kVA",
    "kj": "kJ",
    "焦": "J",
    "焦耳": "J",
    "千焦": "kJ",
    "mj": "mJ",
    "毫焦": "mJ",
    "wh": "Wh",
    "kwh": "kWh",
    "v": "V",
    "伏": "V",
    "kv": "kV",
    "千伏": "kV",
    "ma": "mA",
    "毫安": "mA",
    "安": "A",
    "ka": "kA",
    "千安": "kA",
    "μf": "uF",
    "µf": "uF",
    "uf": "uF",
    "微法": "uF",
    "特斯拉": "T",
    "tesla": "T",
    "μrad": "urad",
    "µrad": "urad",
    "微弧度": "urad",
    "毫弧度": "mrad",
    "°": "deg",
    "角秒": "arcsec",
    "″": "arcsec",
    "°/h": "deg/h",
    "度/小时": "deg/h",
    "º/h": "deg/h",
    "°/hr": "deg/h",
    "°/s": "deg/s",
    "μg": "ug",
    "µg": "ug",
    "m/s": "m/s",
    "米/秒": "m/s",
    "km/h": "km/h",
    "公里/小时": "km/h",
    "千米/小时": "km/h",
    "knots": "kn",
    "马赫": "Mach",
    "l/min": "L/min",
    "升/分钟": "L/min",
    "m3/h": "m3/h",
    "m³/h": "m3/h",
    "立方米/小时": "m3/h",
    "g/cm3": "g/cm3",
    "g/cm³": "g/cm3",
    "克/立方厘米": "g/cm3",
    "kg/m3": "kg/m3",
    "kg/m³": "kg/m3",
    "cn/dtex": "cN/dtex",
    "wh/kg": "Wh/kg",
    "mah/g": "mAh/g",
    "n·s": "Ns",
    "n.s": "Ns",
    "kn·s": "kNs",
    "bq": "Bq",
    "gbq": "GBq",
    "tbq": "TBq",
    "ci": "Ci",
    "居里": "Ci",
    "贝可": "Bq",
    "gy/h": "Gy/h",
    "mev": "MeV",
    "kev": "keV",
    "兆电子伏": "MeV",
    "tflops": "TFLOPS",
    "w·tflops": "WT",
    "wtflops": "WT",
    "位": "bit",
    "bits": "bit",
    "gbps": "Gbit/s",
    "gbit/s": "Gbit/s",
    "mbps": "Mbit/s",
    "mbit/s": "Mbit/s",
    "gsps": "GSa/s",
    "gs/s": "GSa/s",
    "gsa/s": "GSa/s",
    "msps": "MSa/s",
    "ms/s": "MSa/s",
    "msa/s": "MSa/s",
    "db": "dB",
    "分贝": "dB",
    "dbm": "dBm",
    "％": "%",
    "percent": "%",
}


def unit(symbol: str) -> Unit | None:
    """The unit for a symbol or one of its spellings (``μm``, ``毫米``, ``℃`` ...)."""
    if symbol in UNITS:
        return UNITS[symbol]
    alias = ALIASES.get(symbol) or ALIASES.get(symbol.lower())
    return UNITS.get(alias) if alias else None


def unit_of_name(name: str) -> Unit | None:
    """The unit a parameter name announces by its suffix (``payload_kg`` -> kg)."""
    parts = name.lower().split("_")
    for n in (2, 1):  # two-part suffixes first: deg_h, cn_dtex, g_cm3, m3_h
        if len(parts) > n:
            suffix = "_".join(parts[-n:])
            if suffix in BY_SUFFIX:
                return BY_SUFFIX[suffix]
    return None


def convert(value: float, source: Unit, target: Unit) -> float | None:
    """``value`` in ``source`` expressed in ``target``; None across dimensions."""
    if source.dimension != target.dimension:
        return None
    base = value * source.factor + source.offset
    return (base - target.offset) / target.factor
