using System.Text;
using System.Text.Json;
using Vr.Standaarden.Schema;
using Vr.Standaarden.Testing;

namespace Vr.Standaarden.Differential.Tests;

/// <summary>
/// Every case of the official JSON-Schema-Test-Suite (required tests and, with format assertion, optional/format) judged
/// by both engines. A case JsonSchema.Net cannot build or evaluate is counted as unsupported by it; any other
/// disagreement fails unless <see cref="Disagreements"/> lists it with the reason.
/// </summary>
public sealed class SuiteDifferentialTests
{
    public static TheoryData<string, string> Folders()
    {
        var data = new TheoryData<string, string>();
        foreach (var draft in new[] { "draft7", "draft2019-09", "draft2020-12" })
        {
            data.Add(draft, ".");
            data.Add(draft, "optional/format");
        }

        return data;
    }

    [JsonSchemaSuiteTheory]
    [MemberData(nameof(Folders))]
    public void Both_engines_judge_every_case_alike(string draft, string folder)
    {
        var suite = ConformanceSuites.JsonSchemaTestSuite!;
        var assertFormat = folder != ".";
        var peer = new Peer(Peer.DialectOf(draft), assertFormat, Remotes(suite));
        var unexplained = new List<string>();
        var listedAndSeen = new HashSet<string>(StringComparer.Ordinal);
        int cases = 0, unsupported = 0;
        foreach (var file in Directory.GetFiles(Path.Combine(suite, "tests", draft, folder), "*.json").Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(Path.Combine(suite, "tests"), file).Replace('\\', '/');
            using var groups = JsonDocument.Parse(File.ReadAllBytes(file));
            var g = 0;
            foreach (var group in groups.RootElement.EnumerateArray())
            {
                var ours = Ours(draft, assertFormat, suite, group.GetProperty("schema"));
                Json.Schema.JsonSchema? theirs;
                try
                {
                    theirs = peer.Build(group.GetProperty("schema"));
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    theirs = null;
                }

                var t = 0;
                foreach (var test in group.GetProperty("tests").EnumerateArray())
                {
                    cases++;
                    var id = $"{relative}#{g}/{t++}";
                    var instance = test.GetProperty("data");
                    bool? peerValid;
                    try
                    {
                        peerValid = theirs is null ? null : peer.IsValid(theirs, instance);
                    }
                    catch (Exception ex) when (ex is not OutOfMemoryException)
                    {
                        peerValid = null;
                    }

                    if (peerValid is null)
                    {
                        unsupported++;
                        continue;
                    }

                    var ourValid = ours.IsValid(instance);
                    if (ourValid == peerValid)
                    {
                        continue;
                    }

                    var expected = test.GetProperty("valid").GetBoolean();
                    if (Disagreements.Suite.ContainsKey(id) && ourValid == expected)
                    {
                        listedAndSeen.Add(id);
                        continue;
                    }

                    unexplained.Add($"{id} ({group.GetProperty("description").GetString()} / {test.GetProperty("description").GetString()}): " +
                        $"suite {Word(expected)}, ours {Word(ourValid)}, JsonSchema.Net {Word(peerValid.Value)}");
                }

                g++;
            }
        }

        var stale = Disagreements.Suite.Keys.Where(k => k.StartsWith($"{draft}/{(folder == "." ? "" : folder + "/")}", StringComparison.Ordinal) &&
            (folder != "." || !k[(draft.Length + 1)..].Contains('/', StringComparison.Ordinal)) && !listedAndSeen.Contains(k)).ToList();
        Console.WriteLine($"differential {draft}/{folder}: {cases} cases, {cases - unsupported} judged by both, {unsupported} unsupported by JsonSchema.Net, {listedAndSeen.Count} listed disagreements");
        Assert.True(unexplained.Count == 0, $"{unexplained.Count} unexplained disagreements:{Environment.NewLine}{string.Join(Environment.NewLine, unexplained)}");
        Assert.True(stale.Count == 0, $"Listed disagreements that no longer occur (remove them): {string.Join(", ", stale)}");
        Assert.True(cases - unsupported > cases / 2, $"JsonSchema.Net judged only {cases - unsupported} of {cases} cases.");
    }

    private static string Word(bool valid) => valid ? "valid" : "invalid";

    private static JsonSchema Ours(string draft, bool assertFormat, string suite, JsonElement schema)
    {
        var registry = new SchemaRegistry();
        registry.MapPrefix("http://localhost:1234/", Path.Combine(suite, "remotes"));
        return JsonSchema.FromElement(schema, new JsonSchemaOptions
        {
            DefaultDialect = draft switch
            {
                "draft7" => SchemaDialect.Draft7,
                "draft2019-09" => SchemaDialect.Draft201909,
                _ => SchemaDialect.Draft202012,
            },
            AssertFormat = assertFormat,
            Registry = registry,
        });
    }

    /// <summary>The suite's remote documents, served offline under <c>http://localhost:1234/</c> as the suite prescribes.</summary>
    private static Func<Uri, JsonElement?> Remotes(string suite) => uri =>
    {
        if (uri.Host != "localhost" || uri.Port != 1234)
        {
            return null;
        }

        var path = Path.Combine(suite, "remotes", Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')));
        if (!File.Exists(path))
        {
            return null;
        }

        using var document = JsonDocument.Parse(File.ReadAllText(path, Encoding.UTF8));
        return document.RootElement.Clone();
    };
}
