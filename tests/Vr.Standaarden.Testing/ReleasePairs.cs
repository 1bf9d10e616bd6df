using System.Text.Json;
using System.Text.Json.Nodes;

namespace Vr.Standaarden.Testing;

/// <summary>
/// The release pairs of <c>tests/fixtures/versiebeheer/diff-cases.json</c>: each case's files written as two release
/// folders (<c>@</c> in a file becomes the release's base URI), with the verdict the diff must give.
/// </summary>
public static class ReleasePairs
{
    public static string File { get; } = Path.Combine(ConformanceSuites.RepositoryRoot, "tests", "fixtures", "versiebeheer", "diff-cases.json");

    public static JsonArray Cases { get; } = JsonNode.Parse(System.IO.File.ReadAllText(File))!["cases"]!.AsArray();

    public static IEnumerable<string> Names => Cases.Select(c => c!["name"]!.GetValue<string>());

    public static JsonObject Case(string name) => Cases.Single(c => c!["name"]!.GetValue<string>() == name)!.AsObject();

    /// <summary>Writes the case's old files as release <paramref name="oldVersion"/> and new files as <paramref name="newVersion"/> under <paramref name="root"/>.</summary>
    public static (string Old, string New) Write(string name, string root, string oldVersion = "1.0", string newVersion = "2.0")
    {
        var c = Case(name);
        return (WriteRelease(c["old"]!.AsObject(), Path.Combine(root, oldVersion), oldVersion), WriteRelease(c["new"]!.AsObject(), Path.Combine(root, newVersion), newVersion));
    }

    public static string WriteRelease(JsonObject files, string folder, string version)
    {
        foreach (var (path, content) in files)
        {
            var target = Path.Combine(folder, path);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            var text = content!.ToJsonString(new JsonSerializerOptions { WriteIndented = true })
                .Replace("\"@/", $"\"https://example.test/spec/{version}/", StringComparison.Ordinal);
            System.IO.File.WriteAllText(target, text);
        }

        return folder;
    }
}
