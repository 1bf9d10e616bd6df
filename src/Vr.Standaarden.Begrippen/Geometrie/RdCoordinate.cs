namespace Vr.Standaarden.Begrippen.Geometrie;

/// <summary>A position in RD New (EPSG:28992) in metres: <see cref="X"/> to the east, <see cref="Y"/> to the north.</summary>
/// <param name="X">Easting in metres (155 000 at the origin in Amersfoort).</param>
/// <param name="Y">Northing in metres (463 000 at the origin in Amersfoort).</param>
public readonly record struct RdCoordinate(double X, double Y);
