using System.CommandLine;
using System.Globalization;
using Vr.Standaarden.Begrippen.Geometrie;

namespace Vr.Standaarden.Cli.Commands;

/// <summary>
/// <c>vr coord rd2wgs &lt;x&gt; &lt;y&gt;</c> and <c>vr coord wgs2rd &lt;lat&gt; &lt;lon&gt;</c>, or with <c>-</c> one pair per line from
/// standard input. Degrees are written with 9 decimals, metres with 4.
/// </summary>
internal static class CoordCommand
{
    private const int Ok = 0, SomeLinesBad = 1;

    public static Command Create(Func<Stream> stdin, TextWriter stdout, TextWriter stderr) =>
        new("coord", "Convert coordinates between RD New (EPSG:28992) and WGS 84/ETRS89 without a grid (EPSG:9281, as PROJ does; within 0.25 m of RDNAPTRANS2018). Exit code 0: all converted; 1: some input lines could not be read; 2: usage error.")
        {
            Direction("rd2wgs", "RD x y (metres) → latitude longitude (degrees).", "x", "y", CoordinateReferenceSystem.RdNew, stdin, stdout, stderr),
            Direction("wgs2rd", "Latitude longitude (degrees) → RD x y (metres).", "lat", "lon", CoordinateReferenceSystem.Wgs84, stdin, stdout, stderr),
        };

    private static Command Direction(string name, string description, string first, string second, CoordinateReferenceSystem from, Func<Stream> stdin, TextWriter stdout, TextWriter stderr)
    {
        var values = new Argument<string[]>("values")
        {
            Description = $"<{first}> <{second}>, or '-' to read one pair per line from standard input (separated by spaces, a comma, a semicolon or a tab).",
            Arity = new ArgumentArity(1, 2),
        };
        var command = new Command(name, description) { values };
        command.SetAction(parse => Run(name, parse.GetValue(values)!, from, stdin, stdout, stderr));
        return command;
    }

    private static int Run(string name, string[] values, CoordinateReferenceSystem from, Func<Stream> stdin, TextWriter stdout, TextWriter stderr)
    {
        if (values is ["-"])
        {
            using var reader = new StreamReader(stdin());
            var bad = 0;
            var number = 0;
            while (reader.ReadLine() is { } line)
            {
                number++;
                var parts = line.Split([' ', '\t', ',', ';'], StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length == 0)
                {
                    stdout.WriteLine();
                    continue;
                }

                // A bad line gives an empty output line, so output line n still belongs to input line n.
                if (Convert(parts, from, out var result, out var warning) is { } error)
                {
                    stderr.WriteLine($"vr coord {name}: line {number}: {error}");
                    stdout.WriteLine();
                    bad++;
                    continue;
                }

                if (warning is not null)
                {
                    stderr.WriteLine($"vr coord {name}: line {number}: warning: {warning}");
                }

                stdout.WriteLine(result);
            }

            return bad == 0 ? Ok : SomeLinesBad;
        }

        if (Convert(values, from, out var single, out var note) is { } problem)
        {
            stderr.WriteLine($"vr coord {name}: {problem}");
            return Program.UsageError;
        }

        if (note is not null)
        {
            stderr.WriteLine($"vr coord {name}: warning: {note}");
        }

        stdout.WriteLine(single);
        return Ok;
    }

    private static string? Convert(string[] parts, CoordinateReferenceSystem from, out string result, out string? warning)
    {
        result = "";
        warning = null;
        if (parts.Length != 2)
        {
            return $"expected two numbers, got {parts.Length}.";
        }

        if (!TryNumber(parts[0], out var a) || !TryNumber(parts[1], out var b))
        {
            return $"'{parts[0]} {parts[1]}' is not two numbers (use a decimal point).";
        }

        if (from == CoordinateReferenceSystem.RdNew)
        {
            var check = NetherlandsArea.Check(a, b, from, AreaLevel.Lenient);
            warning = check.IsInside ? null : check.Message;
            var g = RdTransformation.ToWgs84(new RdCoordinate(a, b));
            result = string.Create(CultureInfo.InvariantCulture, $"{g.Latitude:F9} {g.Longitude:F9}");
        }
        else
        {
            // Input is latitude, longitude; the area check takes east first.
            var check = NetherlandsArea.Check(b, a, from, AreaLevel.Lenient);
            warning = check.IsInside ? null : check.Message + " (input order: latitude longitude)";
            var rd = RdTransformation.FromWgs84(new GeographicCoordinate(a, b));
            result = string.Create(CultureInfo.InvariantCulture, $"{rd.X:F4} {rd.Y:F4}");
        }

        return null;
    }

    private static bool TryNumber(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
}
