using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Vr.Standaarden.Begrippen.Geometrie;
using Xunit.Abstractions;

namespace Vr.Standaarden.Begrippen.Tests.Geometrie;

/// <summary>
/// Against PROJ's EPSG:9281 (grid-free RD New ↔ ETRS89), from the tables in Proj/ made by Proj/make-tables.sh.
/// </summary>
public sealed class RdTransformationTests(ITestOutputHelper output)
{
    private const double Centimetre = 0.01, Millimetre = 0.001;

    private static IEnumerable<double[]> Table(string name) =>
        File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Proj", name))
            .Where(line => !line.StartsWith('#'))
            .Select(line => line.Split(' ').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray());

    // Distance in metres between two nearby geographic positions.
    private static double Metres(double lat1, double lon1, double lat2, double lon2)
    {
        var north = (lat2 - lat1) * 111_320;
        var east = (lon2 - lon1) * 111_320 * Math.Cos(lat1 * Math.PI / 180);
        return Math.Sqrt(north * north + east * east);
    }

    [Fact]
    public void Rd_to_etrs89_is_within_1_cm_of_proj_over_the_rd_area()
    {
        var rows = Table("rd-to-etrs89.tsv").ToList();
        var worst = rows.Max(r =>
        {
            var g = RdTransformation.ToEtrs89(new RdCoordinate(r[0], r[1]));
            return Metres(r[2], r[3], g.Latitude, g.Longitude);
        });
        output.WriteLine($"RD → ETRS89: {rows.Count} points, largest difference from PROJ {worst * 1000:F3} mm");
        Assert.True(rows.Count >= 2000, $"{rows.Count} reference points");
        Assert.InRange(worst, 0, Centimetre);
    }

    [Fact]
    public void Etrs89_to_rd_is_within_1_cm_of_proj_over_the_rd_area()
    {
        var rows = Table("etrs89-to-rd.tsv").ToList();
        var worst = rows.Max(r =>
        {
            var rd = RdTransformation.FromEtrs89(new GeographicCoordinate(r[0], r[1]));
            return Math.Sqrt(Math.Pow(rd.X - r[2], 2) + Math.Pow(rd.Y - r[3], 2));
        });
        output.WriteLine($"ETRS89 → RD: {rows.Count} points, largest difference from PROJ {worst * 1000:F3} mm");
        Assert.True(rows.Count >= 2000, $"{rows.Count} reference points");
        Assert.InRange(worst, 0, Centimetre);
    }

    private static readonly Arbitrary<RdCoordinate> RdArea =
        (from x in Gen.Choose(0, 280_000_000) from y in Gen.Choose(300_000_000, 625_000_000) select new RdCoordinate(x / 1000.0, y / 1000.0)).ToArbitrary();

    [Property(MaxTest = 2000)]
    public Property Rd_round_trip_returns_within_1_mm() => Prop.ForAll(RdArea, rd =>
    {
        var back = RdTransformation.FromEtrs89(RdTransformation.ToEtrs89(rd));
        return Math.Sqrt(Math.Pow(back.X - rd.X, 2) + Math.Pow(back.Y - rd.Y, 2)) < Millimetre;
    });

    [Property(MaxTest = 2000)]
    public Property Etrs89_round_trip_returns_within_1_mm() => Prop.ForAll(
        (from lat in Gen.Choose(50_750_000, 53_650_000) from lon in Gen.Choose(3_300_000, 7_200_000) select new GeographicCoordinate(lat / 1e6, lon / 1e6)).ToArbitrary(),
        g =>
        {
            var back = RdTransformation.ToEtrs89(RdTransformation.FromEtrs89(g));
            return Metres(g.Latitude, g.Longitude, back.Latitude, back.Longitude) < Millimetre;
        });

    [Fact]
    public void The_origin_lies_at_the_tower_of_amersfoort()
    {
        // PROJ: echo "155000 463000" | cs2cs -f %.10f EPSG:28992 EPSG:4258 → 52.1551722935 5.3872035045
        var origin = RdTransformation.ToEtrs89(new RdCoordinate(155_000, 463_000));
        Assert.Equal(52.1551722935, origin.Latitude, 5e-9);
        Assert.Equal(5.3872035045, origin.Longitude, 5e-9);
        Assert.Equal(origin, RdTransformation.ToWgs84(new RdCoordinate(155_000, 463_000)));
    }
}
