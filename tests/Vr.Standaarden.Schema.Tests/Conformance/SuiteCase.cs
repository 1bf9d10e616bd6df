using System.Collections.Concurrent;
using System.Text.Json;
using Vr.Standaarden.Testing;

namespace Vr.Standaarden.Schema.Tests.Conformance;

/// <summary>Reads the official JSON-Schema-Test-Suite and builds each group's schema once.</summary>
internal static class SuiteCase
{
    private static readonly ConcurrentDictionary<string, JsonElement> Files = new();
    private static readonly ConcurrentDictionary<string, Lazy<JsonSchema>> Schemas = new();

    public static string Root => ConformanceSuites.JsonSchemaTestSuite ?? string.Empty;

    /// <summary>Every case of the files under <c>tests/&lt;draft&gt;/&lt;folder&gt;</c> as ids "draft/file.json#group/test".</summary>
    public static TheoryData<string> Cases(string draft, string folder)
    {
        var data = new TheoryData<string>();
        if (ConformanceSuites.JsonSchemaTestSuite is null)
        {
            data.Add("suite-missing");
            return data;
        }

        var directory = Path.Combine(Root, "tests", draft, folder);
        foreach (var file in Directory.GetFiles(directory, "*.json").OrderBy(f => f, StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(Path.Combine(Root, "tests"), file).Replace('\\', '/');
            var groups = Load(relative);
            for (var g = 0; g < groups.GetArrayLength(); g++)
            {
                for (var t = 0; t < groups[g].GetProperty("tests").GetArrayLength(); t++)
                {
                    data.Add($"{relative}#{g}/{t}");
                }
            }
        }

        return data;
    }

    public static void Run(string id, bool assertFormat)
    {
        var (file, group, test) = Parse(id);
        var groupElement = Load(file)[group];
        var testElement = groupElement.GetProperty("tests")[test];
        var expected = testElement.GetProperty("valid").GetBoolean();
        var description = $"{groupElement.GetProperty("description").GetString()} / {testElement.GetProperty("description").GetString()}";

        var schema = Schemas.GetOrAdd($"{file}#{group}:{assertFormat}", _ => new Lazy<JsonSchema>(() => Build(file, groupElement.GetProperty("schema"), assertFormat))).Value;
        var instance = testElement.GetProperty("data");

        var flag = schema.Evaluate(instance, OutputFormat.Flag);
        var list = schema.Evaluate(instance, OutputFormat.List);
        var outcome = KnownFailures.Reasons.TryGetValue(id, out var reason);
        if (outcome)
        {
            Assert.True(flag.IsValid != expected, $"{id} ({description}) is listed as a known failure ({reason}) but now passes: remove it from KnownFailures.");
            return;
        }

        Assert.True(flag.IsValid == expected, $"{id}: {description}: expected {(expected ? "valid" : "invalid")}.{Environment.NewLine}{list.ToJson(indented: true)}");
        Assert.Equal(flag.IsValid, list.IsValid);
        Assert.Equal(expected, list.Errors.Count == 0);
    }

    private static JsonSchema Build(string file, JsonElement schema, bool assertFormat)
    {
        var draft = file.Split('/')[0] switch
        {
            "draft7" => SchemaDialect.Draft7,
            "draft2019-09" => SchemaDialect.Draft201909,
            _ => SchemaDialect.Draft202012,
        };
        var registry = new SchemaRegistry();
        registry.MapPrefix("http://localhost:1234/", Path.Combine(Root, "remotes"));
        return JsonSchema.FromElement(schema, new JsonSchemaOptions
        {
            DefaultDialect = draft,
            AssertFormat = assertFormat,
            Registry = registry,
        });
    }

    private static JsonElement Load(string relative) =>
        Files.GetOrAdd(relative, r =>
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Root, "tests", r)));
            return document.RootElement.Clone();
        });

    private static (string File, int Group, int Test) Parse(string id)
    {
        var hash = id.IndexOf('#', StringComparison.Ordinal);
        var parts = id[(hash + 1)..].Split('/');
        return (id[..hash], int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
    }
}
