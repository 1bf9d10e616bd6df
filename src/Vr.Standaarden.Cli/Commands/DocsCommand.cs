using System.CommandLine;
using System.Text;
using Vr.Standaarden.Cli.Docs;
using Vr.Standaarden.Cli.Spec;

namespace Vr.Standaarden.Cli.Commands;

/// <summary>
/// <c>vr docs &lt;release-folder&gt; -o &lt;folder&gt; [--check]</c>: renders the Markdown reference of a release.
/// </summary>
internal static class DocsCommand
{
    private const int Current = 0, Stale = 1;

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var release = new Argument<string>("release-folder")
        {
            Description = "The release folder, for example spec/1.0.",
        };

        var output = new Option<string>("--output", "-o")
        {
            Description = "The folder for the pages (index.md, entiteiten/, codelijsten/).",
            Required = true,
        };

        var check = new Option<bool>("--check")
        {
            Description = "Write nothing; exit 1 and list the pages that differ from what would be written.",
        };

        var command = new Command("docs", "Render the Markdown reference of a release: an index with a Mermaid class diagram, one page per entity and one per code list. Exit code 0: written (or current with --check); 1: --check found differences; 2: usage error or unreadable release.")
        {
            release, output, check,
        };
        command.SetAction(parse => Run(parse.GetValue(release)!, parse.GetValue(output)!, parse.GetValue(check), stdout, stderr));
        return command;
    }

    private static int Run(string releaseFolder, string outputFolder, bool check, TextWriter stdout, TextWriter stderr)
    {
        SortedDictionary<string, string> pages;
        try
        {
            pages = SpecDocumentation.Render(SpecRelease.Load(releaseFolder), outputFolder);
        }
        catch (Exception ex) when (ex is SpecFormatException or IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"vr docs: {ex.Message}");
            return Program.UsageError;
        }

        var outputRoot = Path.GetFullPath(outputFolder);
        var differences = new List<string>();
        foreach (var (relative, content) in pages)
        {
            var path = Path.Combine(outputRoot, relative);
            if (!File.Exists(path) || File.ReadAllText(path, Encoding.UTF8) != content)
            {
                differences.Add(relative);
                if (!check)
                {
                    Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                    File.WriteAllText(path, content, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
                }
            }
        }

        // Pages of schemas or code lists that no longer exist.
        foreach (var stale in ExistingPages(outputRoot).Where(p => !pages.ContainsKey(p)))
        {
            differences.Add(stale);
            if (!check)
            {
                File.Delete(Path.Combine(outputRoot, stale));
            }
        }

        if (check)
        {
            foreach (var page in differences)
            {
                stdout.WriteLine($"{page}: out of date");
            }

            stdout.WriteLine(differences.Count == 0
                ? $"vr docs: {pages.Count} pages are current."
                : $"vr docs: {differences.Count} of {pages.Count} pages are out of date; run 'vr docs {releaseFolder} -o {outputFolder}'.");
            return differences.Count == 0 ? Current : Stale;
        }

        stdout.WriteLine($"vr docs: {pages.Count} pages in {outputFolder}, {differences.Count} changed.");
        return Current;
    }

    private static readonly string[] PageFolders = ["entiteiten", "codelijsten"];

    private static IEnumerable<string> ExistingPages(string root) =>
        PageFolders
            .Select(folder => Path.Combine(root, folder))
            .Where(Directory.Exists)
            .SelectMany(folder => Directory.EnumerateFiles(folder, "*.md"))
            .Select(file => Path.GetRelativePath(root, file).Replace('\\', '/'))
            .Concat(File.Exists(Path.Combine(root, "index.md")) ? ["index.md"] : [])
            .Distinct(StringComparer.Ordinal);
}
