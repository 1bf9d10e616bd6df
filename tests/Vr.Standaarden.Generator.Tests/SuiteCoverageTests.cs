using System.Reflection;
using System.Text.Json;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Vr.Standaarden.Generator.Engine;
using Vr.Standaarden.Schema.Compiled;
using Vr.Standaarden.Testing;
using Xunit.Abstractions;

namespace Vr.Standaarden.Generator.Tests;

/// <summary>
/// Runs the draft 2020-12 groups of the official JSON-Schema-Test-Suite through code generated from their schemas.
/// A group whose schema the generator reports a diagnostic for (a keyword it does not compile, a remote $ref) is
/// counted as not covered; every covered group must get every case right.
/// </summary>
public sealed class SuiteCoverageTests(ITestOutputHelper output)
{
    public static TheoryData<string> Drafts() => ["draft2020-12"];

    /// <summary>Cases generated code gets wrong on purpose or for a known reason, each with that reason.</summary>
    private static readonly Dictionary<string, string> Known = new(StringComparer.Ordinal)
    {
        // A schema with "properties" maps to a class, so its values must be objects even where the schema (without
        // "type": "object") would accept others.
        ["ref.json#0: match"] = "typed properties hold objects",
        ["ref.json#0: recursive match"] = "typed properties hold objects",
        // Relative references against a URN base URI are not resolved the way the suite expects.
        ["ref.json#21: valid under the URN IDed schema"] = "URN base URIs",
        // The generator compiles the keywords it knows whatever the meta-schema's $vocabulary says.
        ["vocabulary.json#0: no validation: invalid number, but it still validates"] = "$vocabulary is not honoured",
    };

    private sealed record Group(string File, int Index, string Namespace, JsonElement Tests);

    [JsonSchemaSuiteTheory]
    [MemberData(nameof(Drafts))]
    public void Generated_validators_agree_with_the_suite_where_the_schema_compiles(string draft)
    {
        var folder = Path.Combine(ConformanceSuites.JsonSchemaTestSuite!, "tests", draft);
        var groups = new List<Group>();
        var sources = new List<(Group Group, string Source)>();
        var notCompiled = 0;
        // format.json expects format to be an annotation; generated code asserts formats by design (as the standard
        // requires), so that file measures a choice, not a fault, and is left out.
        foreach (var file in Directory.GetFiles(folder, "*.json").Where(f => Path.GetFileName(f) != "format.json").Order(StringComparer.Ordinal))
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(file));
            var index = 0;
            foreach (var group in document.RootElement.EnumerateArray())
            {
                var ns = $"Suite.G{groups.Count + notCompiled}";
                var schema = group.GetProperty("schema");
                var source = new SchemaSource($"/suite/{Path.GetFileNameWithoutExtension(file)}/{index}.schema.json", schema.GetRawText());
                index++;
                if (schema.ValueKind != JsonValueKind.Object)
                {
                    notCompiled++;
                    continue;
                }

                var generated = SchemaCompiler.Compile(source, EmbeddedSpec.With([SchemaCompiler.Export(source, ns)]), ns);
                if (generated.Diagnostics.Count > 0 || generated.Source.Length == 0)
                {
                    notCompiled++;
                    continue;
                }

                var g = new Group(Path.GetFileName(file), index - 1, ns, group.GetProperty("tests").Clone());
                groups.Add(g);
                sources.Add((g, generated.Source));
            }
        }

        // Compile everything at once; a group whose code does not compile is dropped and the rest compiled again.
        Assembly? assembly = null;
        while (assembly is null && sources.Count > 0)
        {
            var trees = sources.Select(s => CSharpSyntaxTree.ParseText(s.Source, path: s.Group.Namespace + ".cs")).ToList();
            using var stream = new MemoryStream();
            var emit = Harness.Compilation([.. trees]).Emit(stream);
            if (emit.Success)
            {
                assembly = Assembly.Load(stream.ToArray());
                break;
            }

            var broken = emit.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.Location.SourceTree?.FilePath).ToHashSet();
            notCompiled += sources.RemoveAll(s => broken.Contains(s.Group.Namespace + ".cs"));
        }

        var cases = 0;
        var failures = new List<string>();
        foreach (var (group, _) in sources)
        {
            var type = assembly!.GetTypes().Single(t => t.Namespace == group.Namespace && t.IsAbstract && t.IsSealed && t.Name.EndsWith("Schema", StringComparison.Ordinal));
            var validate = type.GetMethod(type.Name[..^"Schema".Length], BindingFlags.Public | BindingFlags.Static)!;
            foreach (var test in group.Tests.EnumerateArray())
            {
                cases++;
                var errors = new List<SchemaViolation>();
                validate.Invoke(null, [test.GetProperty("data"), "", errors]);
                if ((errors.Count == 0) != test.GetProperty("valid").GetBoolean())
                {
                    failures.Add($"{group.File}#{group.Index}: {test.GetProperty("description").GetString()}");
                }
            }
        }

        var total = groups.Count + notCompiled - (groups.Count - sources.Count);
        output.WriteLine($"{draft}: {sources.Count} of {total} groups compiled without diagnostics; {cases - failures.Count} of {cases} of their cases right");
        foreach (var failure in failures)
        {
            output.WriteLine("  " + failure);
        }

        Assert.True(sources.Count > 0, "no group compiled");
        var unexpected = failures.Where(f => !Known.ContainsKey(f)).ToList();
        Assert.True(unexpected.Count == 0, $"{unexpected.Count} cases wrong in groups that compiled without diagnostics:\n{string.Join("\n", unexpected)}");
        var fixedNow = Known.Keys.Where(k => !failures.Contains(k)).ToList();
        Assert.True(fixedNow.Count == 0, $"Known failures that now pass; remove them from the list: {string.Join("; ", fixedNow)}");
    }
}
