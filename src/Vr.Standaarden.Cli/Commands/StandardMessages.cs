using System.Text.Json;
using Vr.Standaarden.Schema.Input;
using Vr.Standaarden.Validatie;

namespace Vr.Standaarden.Cli.Commands;

/// <summary><c>vr validate</c> without <c>--schema</c>: messages of the standard, checked by schema and domain rules.</summary>
internal static class StandardMessages
{
    private const int Valid = 0, Invalid = 1;

    private static readonly JsonWriterOptions Relaxed = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static int Validate(string output, string[] instances, InputLimits limits, int jobs, Func<Stream> stdin, TextWriter stdout, TextWriter stderr)
    {
        var validator = new MessageValidator(new ValidationOptions { Limits = limits });
        var exit = Valid;
        InOrder.Run(instances, jobs, path =>
        {
            try
            {
                using var stream = path == "-" ? stdin() : File.OpenRead(path);
                return new Outcome(validator.Validate(stream), null);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return new Outcome(null, ex);
            }
        }, (path, outcome) =>
        {
            if (outcome.Error is { } error)
            {
                stderr.WriteLine($"vr validate: cannot read '{path}': {error.Message}");
                exit = Program.UsageError;
                return false;
            }

            var result = outcome.Result!;
            if (!result.IsValid)
            {
                exit = Invalid;
            }

            if (output == "text")
            {
                stdout.WriteLine($"{path}: {(result.IsValid ? "valid" : "invalid")}{(result.Release is { } release ? $" (release {release})" : "")}");
                foreach (var finding in result.Findings)
                {
                    var where = finding.InstanceLocation.Length == 0 ? "(root)" : finding.InstanceLocation;
                    stdout.WriteLine($"  {where}: {finding.Severity.ToString().ToLowerInvariant()} {finding.Code}: {finding.Message}");
                }
            }
            else
            {
                WriteJson(stdout, path, result, output == "list");
            }

            return true;
        });
        return exit;
    }

    private readonly record struct Outcome(ValidationResult? Result, Exception? Error);

    private static void WriteJson(TextWriter stdout, string path, ValidationResult result, bool findings)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Relaxed))
        {
            writer.WriteStartObject();
            writer.WriteString("instance", path);
            writer.WriteBoolean("valid", result.IsValid);
            if (result.Release is { } release)
            {
                writer.WriteString("release", release);
            }

            if (findings)
            {
                writer.WriteStartArray("findings");
                foreach (var finding in result.Findings)
                {
                    writer.WriteStartObject();
                    writer.WriteString("code", finding.Code);
                    writer.WriteString("severity", finding.Severity.ToString().ToLowerInvariant());
                    writer.WriteString("instanceLocation", finding.InstanceLocation);
                    if (finding.Keyword is { } keyword)
                    {
                        writer.WriteString("keyword", keyword);
                    }

                    writer.WriteString("message", finding.English);
                    writer.WriteString("melding", finding.Dutch);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
            }

            writer.WriteEndObject();
        }

        stdout.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
    }
}
