namespace Vr.Standaarden.Begrippen.Geometrie;

/// <summary>The order in which a coordinate reference system writes its two horizontal axes in text.</summary>
public enum AxisOrder
{
    /// <summary>East first: x, y (RD New) or longitude, latitude (CRS84, GeoJSON).</summary>
    EastNorth,

    /// <summary>North first: latitude, longitude (EPSG:4258 and EPSG:4326 as EPSG defines them, CAP).</summary>
    NorthEast,
}
