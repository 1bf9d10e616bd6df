namespace Vr.Standaarden.Begrippen;

/// <summary>BAG object type, as positions 5–6 of a BAG identifier (code list <c>bag-objecttype</c>).</summary>
public enum BagObjectType
{
    /// <summary>01: verblijfsobject (residential or business unit).</summary>
    Verblijfsobject = 1,

    /// <summary>02: ligplaats (mooring).</summary>
    Ligplaats = 2,

    /// <summary>03: standplaats (pitch).</summary>
    Standplaats = 3,

    /// <summary>10: pand (building).</summary>
    Pand = 10,

    /// <summary>20: nummeraanduiding (address designation).</summary>
    Nummeraanduiding = 20,

    /// <summary>30: openbare ruimte (public space).</summary>
    OpenbareRuimte = 30,
}
