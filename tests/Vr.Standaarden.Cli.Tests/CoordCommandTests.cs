using System.Globalization;
using System.Text;

namespace Vr.Standaarden.Cli.Tests;

/// <summary><c>vr coord</c>: the output contract (order, decimals), bulk mode and its line alignment, and warnings.</summary>
public sealed class CoordCommandTests
{
    private static (int Exit, string Out, string Err) Run(string stdin, params string[] args) => Vr.RunWithInput(stdin, args);

    [Fact]
    public void Rd2wgs_prints_latitude_then_longitude_with_nine_decimals()
    {
        var (exit, stdout, stderr) = Run("", "coord", "rd2wgs", "155000", "463000");
        Assert.Equal(0, exit);
        Assert.Equal("", stderr);
        Assert.Equal("52.155172295 5.387203504\n", stdout);
    }

    [Fact]
    public void Wgs2rd_prints_x_then_y_with_four_decimals_and_inverts_rd2wgs()
    {
        var (exit, stdout, _) = Run("", "coord", "wgs2rd", "52.082696420", "4.313290431");
        Assert.Equal(0, exit);
        var parts = stdout.TrimEnd('\n').Split(' ');
        Assert.Equal(4, parts[0].Split('.')[1].Length);
        Assert.Equal(81390.2, double.Parse(parts[0], CultureInfo.InvariantCulture), 0.001);
        Assert.Equal(455480.7, double.Parse(parts[1], CultureInfo.InvariantCulture), 0.001);
    }

    [Fact]
    public void Bulk_mode_writes_one_line_per_input_line_and_reports_bad_lines_by_number()
    {
        var (exit, stdout, stderr) = Run("155000 463000\n81390.2,455480.7\nfoo bar\n\n120000;480000\n", "coord", "rd2wgs", "-");
        Assert.Equal(1, exit);
        var lines = stdout.Split('\n');
        Assert.Equal("52.155172295 5.387203504", lines[0]);
        Assert.StartsWith("52.08269", lines[1], StringComparison.Ordinal);
        Assert.Equal("", lines[2]);
        Assert.Equal("", lines[3]);
        Assert.StartsWith("52.30", lines[4], StringComparison.Ordinal);
        Assert.Equal("vr coord rd2wgs: line 3: 'foo bar' is not two numbers (use a decimal point).\n", stderr);
    }

    [Fact]
    public void Degrees_given_to_rd2wgs_convert_but_warn_with_the_likely_mix_up()
    {
        var (exit, _, stderr) = Run("", "coord", "rd2wgs", "52.08", "4.31");
        Assert.Equal(0, exit);
        Assert.Contains("warning: (52.08, 4.31) looks like latitude and longitude in degrees, but EPSG:28992 expects RD x and y in metres.", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Swapped_latitude_and_longitude_warn()
    {
        var (_, _, stderr) = Run("", "coord", "wgs2rd", "4.31", "52.08");
        Assert.Contains("axes swapped", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Not_a_number_is_a_usage_error()
    {
        var (exit, stdout, stderr) = Run("", "coord", "wgs2rd", "52,08", "4.31");
        Assert.Equal(2, exit);
        Assert.Equal("", stdout);
        Assert.Contains("'52,08 4.31' is not two numbers", stderr, StringComparison.Ordinal);
    }
}
