using Vr.Standaarden.Begrippen.Geometrie;

namespace Vr.Standaarden.Begrippen.Tests.Geometrie;

public sealed class NetherlandsAreaTests
{
    private static readonly CoordinateReferenceSystem Rd = CoordinateReferenceSystem.RdNew, Crs84 = CoordinateReferenceSystem.Crs84;

    [Fact]
    public void Positions_on_land_are_inside_in_both_systems()
    {
        Assert.True(NetherlandsArea.Check(81_390.2, 455_480.7, Rd).IsInside);
        Assert.True(NetherlandsArea.Check(4.3135, 52.0799, Crs84).IsInside);
        Assert.True(NetherlandsArea.Check(4.3135, 52.0799, CoordinateReferenceSystem.Etrs89).IsInside);
    }

    [Fact]
    public void Swapped_axes_are_named_as_the_cause()
    {
        var swapped = NetherlandsArea.Check(52.0799, 4.3135, Crs84);
        Assert.Equal(AreaProblem.AxesSwapped, swapped.Problem);
        Assert.Equal("(52.0799, 4.3135) in OGC:CRS84 lies outside the Netherlands, but inside with the axes swapped: give longitude first, then latitude.", swapped.Message);
        Assert.StartsWith("(52.0799, 4.3135) in OGC:CRS84 ligt buiten Nederland", swapped.Bericht, StringComparison.Ordinal);
        Assert.Equal(AreaProblem.AxesSwapped, NetherlandsArea.Check(455_480.7, 81_390.2, Rd).Problem);
    }

    [Fact]
    public void Degrees_given_as_rd_and_rd_given_as_degrees_are_recognised()
    {
        var degrees = NetherlandsArea.Check(4.3135, 52.0799, Rd);
        Assert.Equal(AreaProblem.DegreesForRd, degrees.Problem);
        Assert.Equal("(4.3135, 52.0799) looks like latitude and longitude in degrees, but EPSG:28992 expects RD x and y in metres.", degrees.Message);
        Assert.Equal(AreaProblem.DegreesForRd, NetherlandsArea.Check(52.0799, 4.3135, Rd).Problem);
        Assert.Equal(AreaProblem.RdForDegrees, NetherlandsArea.Check(81_390.2, 455_480.7, Crs84).Problem);
    }

    [Fact]
    public void The_north_sea_is_inside_only_when_lenient()
    {
        // A platform position in the Dutch part of the North Sea, north of the Wadden.
        Assert.Equal(AreaProblem.Outside, NetherlandsArea.Check(4.5, 54.5, Crs84).Problem);
        Assert.True(NetherlandsArea.Check(4.5, 54.5, Crs84, AreaLevel.Lenient).IsInside);
        var rd = RdTransformation.FromEtrs89(new GeographicCoordinate(54.5, 4.5));
        Assert.False(NetherlandsArea.Check(rd.X, rd.Y, Rd).IsInside);
        Assert.True(NetherlandsArea.Check(rd.X, rd.Y, Rd, AreaLevel.Lenient).IsInside);
        Assert.Equal(AreaProblem.Outside, NetherlandsArea.Check(13.4, 52.5, Crs84, AreaLevel.Lenient).Problem);
    }
}
