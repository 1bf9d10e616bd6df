using System.CommandLine;
using Vr.Standaarden.Koppelvlakken;
using Vr.Standaarden.Spec;

namespace Vr.Standaarden.Cli.Commands;

/// <summary>
/// <c>vr contracts &lt;release&gt; -o &lt;folder&gt;</c>: writes the interface contracts of a release
/// (<c>openapi.json</c>, <c>asyncapi.yaml</c>).
/// </summary>
internal static class ContractsCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var release = new Argument<string>("release")
        {
            Description = "A release folder (spec/1.2) or the number of a release this tool carries (1.2).",
        };

        var output = new Option<string>("--output", "-o")
        {
            Description = "The folder for openapi.json and asyncapi.yaml (created when missing).",
            Required = true,
        };

        var command = new Command("contracts", "Write the interface contracts of a release: openapi.json (OpenAPI 3.1: the knooppunt and the bronhouder interface, NL API Design Rules) and asyncapi.yaml (AsyncAPI 3.0: the JetStream subjects and the webhook binding). Schemas are referenced by the release's $ids. Exit code 0: written; 2: usage error or unreadable release.")
        {
            release, output,
        };
        command.SetAction(parse => Run(parse.GetValue(release)!, parse.GetValue(output)!, stdout, stderr));
        return command;
    }

    private static int Run(string release, string folder, TextWriter stdout, TextWriter stderr)
    {
        try
        {
            var loaded = Directory.Exists(release) ? StandardRelease.Load(release)
                : Standard.TryGetRelease(release, out var carried) ? carried!
                : throw new ArgumentException($"'{release}' is neither a release folder nor a release this tool carries ({string.Join(", ", Standard.Releases.Select(r => r.Name))}).");
            foreach (var path in InterfaceContracts.Write(loaded, folder))
            {
                stdout.WriteLine($"vr contracts: {path}");
            }

            return 0;
        }
        catch (Exception ex) when (ex is ArgumentException or ReleaseFolderException or IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"vr contracts: {ex.Message}");
            return Program.UsageError;
        }
    }
}
