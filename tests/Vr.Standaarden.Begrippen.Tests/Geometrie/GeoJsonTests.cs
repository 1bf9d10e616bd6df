using NetTopologySuite.Geometries;
using Vr.Standaarden.Begrippen.Geometrie;

namespace Vr.Standaarden.Begrippen.Tests.Geometrie;

public sealed class GeoJsonTests
{
    [Fact]
    public void Reads_crs84_by_default_and_rd_when_declared()
    {
        var point = (Point)GeoJson.Read("""{"type":"Point","coordinates":[4.3135,52.0799]}""");
        Assert.Equal(4326, point.SRID);
        Assert.Equal(4.3135, point.X);

        var rd = (Point)GeoJson.Read("""{"type":"Point","coordinates":[81390.2,455480.7]}""", CoordinateReferenceSystem.RdNew);
        Assert.Equal(28992, rd.SRID);
    }

    [Fact]
    public void Writes_crs84_unless_rd_is_asked_transforming_as_needed()
    {
        var rd = new Point(155_000, 463_000) { SRID = 28992 };
        Assert.Equal("""{"type":"Point","coordinates":[5.3872035,52.15517229]}""", GeoJson.Write(rd));
        Assert.Equal("""{"type":"Point","coordinates":[155000,463000]}""", GeoJson.Write(rd, CoordinateReferenceSystem.RdNew));

        var back = (Point)GeoJson.Read(GeoJson.Write(rd));
        var again = (Point)GeometryTransformation.Transform(back, CoordinateReferenceSystem.RdNew);
        Assert.Equal(155_000, again.X, 0.002);
        Assert.Equal(463_000, again.Y, 0.002);
    }

    [Fact]
    public void A_polygon_is_transformed_vertex_by_vertex()
    {
        var polygon = GeoJson.Read("""{"type":"Polygon","coordinates":[[[79500,452000],[80500,452000],[80500,452800],[79500,452000]]]}""", CoordinateReferenceSystem.RdNew);
        var crs84 = GeometryTransformation.Transform(polygon, CoordinateReferenceSystem.Crs84);
        Assert.Equal(4, crs84.NumPoints);
        Assert.All(crs84.Coordinates, c => Assert.True(NetherlandsArea.Check(c.X, c.Y, CoordinateReferenceSystem.Crs84).IsInside));
        Assert.Equal(polygon.Coordinates[1].X, GeometryTransformation.Transform(crs84, CoordinateReferenceSystem.RdNew).Coordinates[1].X, 0.001);
    }

    [Fact]
    public void A_geometry_without_srid_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => GeometryTransformation.Transform(new Point(1, 2), CoordinateReferenceSystem.RdNew));
        Assert.StartsWith("The geometry has no SRID", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Systems_are_found_by_code_or_uri_with_their_axis_order()
    {
        Assert.Same(CoordinateReferenceSystem.RdNew, CoordinateReferenceSystem.FromCode("EPSG:28992"));
        Assert.Same(CoordinateReferenceSystem.Crs84, CoordinateReferenceSystem.FromCode("http://www.opengis.net/def/crs/OGC/1.3/CRS84"));
        Assert.Equal(AxisOrder.NorthEast, CoordinateReferenceSystem.Wgs84.AxisOrder);
        Assert.Equal(AxisOrder.EastNorth, CoordinateReferenceSystem.Crs84.AxisOrder);
        Assert.Contains("EPSG:28992, EPSG:4258, EPSG:4326, OGC:CRS84", Assert.Throws<ArgumentException>(() => CoordinateReferenceSystem.FromCode("EPSG:3857")).Message, StringComparison.Ordinal);
    }
}
