namespace Vr.Standaarden.Begrippen.Geometrie;

/// <summary>A geographic position in decimal degrees, named by axis so the order can never be mistaken.</summary>
/// <param name="Latitude">Latitude (north positive).</param>
/// <param name="Longitude">Longitude (east positive).</param>
public readonly record struct GeographicCoordinate(double Latitude, double Longitude);
