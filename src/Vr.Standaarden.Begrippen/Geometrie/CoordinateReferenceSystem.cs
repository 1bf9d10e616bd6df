namespace Vr.Standaarden.Begrippen.Geometrie;

/// <summary>
/// A coordinate reference system of the standard (code list <c>crs</c>), with its axis order made explicit.
/// NetTopologySuite geometries always hold east in X and north in Y; the axis order only matters for text
/// such as <c>lat,lon</c> pairs. The SRID of a geometry says which system its coordinates are in.
/// </summary>
public sealed class CoordinateReferenceSystem
{
    private CoordinateReferenceSystem(string code, string uri, int srid, AxisOrder axisOrder, bool isGeographic)
    {
        Code = code;
        Uri = uri;
        Srid = srid;
        AxisOrder = axisOrder;
        IsGeographic = isGeographic;
    }

    /// <summary>RD New, EPSG:28992: x (east), y (north) in metres.</summary>
    public static CoordinateReferenceSystem RdNew { get; } = new("EPSG:28992", "http://www.opengis.net/def/crs/EPSG/0/28992", 28992, AxisOrder.EastNorth, false);

    /// <summary>ETRS89, EPSG:4258: latitude, longitude in degrees as EPSG orders them.</summary>
    public static CoordinateReferenceSystem Etrs89 { get; } = new("EPSG:4258", "http://www.opengis.net/def/crs/EPSG/0/4258", 4258, AxisOrder.NorthEast, true);

    /// <summary>WGS 84, EPSG:4326: latitude, longitude in degrees as EPSG orders them.</summary>
    public static CoordinateReferenceSystem Wgs84 { get; } = new("EPSG:4326", "http://www.opengis.net/def/crs/EPSG/0/4326", 4326, AxisOrder.NorthEast, true);

    /// <summary>CRS84: WGS 84 with longitude, latitude, the default of GeoJSON and of the API Design Rules.</summary>
    public static CoordinateReferenceSystem Crs84 { get; } = new("OGC:CRS84", "http://www.opengis.net/def/crs/OGC/1.3/CRS84", 4326, AxisOrder.EastNorth, true);

    /// <summary>The systems of the standard.</summary>
    public static IReadOnlyList<CoordinateReferenceSystem> All { get; } = [RdNew, Etrs89, Wgs84, Crs84];

    /// <summary>The code, as in the code list: <c>EPSG:28992</c>, <c>EPSG:4258</c>, <c>EPSG:4326</c> or <c>OGC:CRS84</c>.</summary>
    public string Code { get; }

    /// <summary>The OGC URI, as in the <c>Content-Crs</c> header of the API Design Rules.</summary>
    public string Uri { get; }

    /// <summary>The SRID a NetTopologySuite geometry in this system carries.</summary>
    public int Srid { get; }

    /// <summary>The order of the axes in text.</summary>
    public AxisOrder AxisOrder { get; }

    /// <summary>Whether coordinates are degrees (<c>true</c>) or metres (<c>false</c>).</summary>
    public bool IsGeographic { get; }

    /// <summary>The system with this code or URI. Throws <see cref="ArgumentException"/> listing the systems there are.</summary>
    public static CoordinateReferenceSystem FromCode(string codeOrUri) =>
        All.FirstOrDefault(c => string.Equals(c.Code, codeOrUri, StringComparison.OrdinalIgnoreCase) || string.Equals(c.Uri, codeOrUri, StringComparison.Ordinal))
        ?? throw new ArgumentException($"'{codeOrUri}' is not a coordinate reference system of the standard; use {string.Join(", ", All.Select(c => c.Code))}.", nameof(codeOrUri));

    /// <summary>The system for a geometry's SRID (4326 gives <see cref="Crs84"/>, the east-first reading).</summary>
    public static CoordinateReferenceSystem FromSrid(int srid) => srid switch
    {
        28992 => RdNew,
        4258 => Etrs89,
        4326 => Crs84,
        _ => throw new ArgumentException($"SRID {srid} is not a coordinate reference system of the standard; use 28992, 4258 or 4326.", nameof(srid)),
    };

    /// <summary>The code.</summary>
    public override string ToString() => Code;
}
