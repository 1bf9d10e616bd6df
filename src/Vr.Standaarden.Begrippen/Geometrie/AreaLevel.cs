namespace Vr.Standaarden.Begrippen.Geometrie;

/// <summary>How far outside the land of the Netherlands a position may lie.</summary>
public enum AreaLevel
{
    /// <summary>
    /// The European Netherlands on land, the Wadden and the 12-mile zone: RD x 0–300 km, y 300–630 km; geographic
    /// longitude 3.2–7.22, latitude 50.75–53.7 (the EPSG area of use of RD).
    /// </summary>
    Strict,

    /// <summary>
    /// Also the Dutch part of the North Sea: longitude 2.0–7.3, latitude 50.5–55.9. This box is an approximation
    /// around the exclusive economic zone, not its legal boundary.
    /// </summary>
    Lenient,
}
