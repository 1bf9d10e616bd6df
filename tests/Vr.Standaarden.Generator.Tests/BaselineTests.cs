using System.Text;
using Microsoft.CodeAnalysis;

namespace Vr.Standaarden.Generator.Tests;

/// <summary>
/// The generated code of representative schemas, compared with committed baselines (Baselines/*.g.cs.txt), and
/// <c>vr generate</c> compared with the generator byte for byte.
/// </summary>
public sealed class BaselineTests
{
    private const string AcceptVariable = "VR_ACCEPT_BASELINES";

    private static string BaselineFolder([System.Runtime.CompilerServices.CallerFilePath] string here = "") =>
        Path.Combine(Testing.ConformanceSuites.RepositoryRoot, "tests", "Vr.Standaarden.Generator.Tests", "Baselines");

    public static TheoryData<string> Schemas() => ["opvanglocatie.schema.json", "status.json"];

    [Theory]
    [MemberData(nameof(Schemas))]
    public void Generated_code_matches_its_baseline(string schema)
    {
        var run = Harness.Driver(Harness.Files("opvanglocatie.schema.json", "status.json")).RunGenerators(Harness.Compilation()).GetRunResult();
        var hint = "schemas_" + schema.Replace('.', '_').Replace('-', '_') + ".g.cs";
        var generated = run.Results.Single().GeneratedSources.Single(s => s.HintName == hint).SourceText.ToString();
        var baseline = Path.Combine(BaselineFolder(), hint + ".txt");
        if (Environment.GetEnvironmentVariable(AcceptVariable) == "1")
        {
            File.WriteAllText(baseline, generated, new UTF8Encoding(false));
        }

        Assert.True(File.Exists(baseline), $"No baseline {baseline}; run the tests once with {AcceptVariable}=1 and review it.");
        var expected = File.ReadAllText(baseline, Encoding.UTF8).Replace("\r\n", "\n", StringComparison.Ordinal);
        Assert.True(expected == generated,
            $"The generated code for {schema} differs from {baseline}. If the change is intended, run the tests with {AcceptVariable}=1, review the diff and commit it.");
    }

    [Fact]
    public void Vr_generate_writes_what_the_generator_generates_byte_for_byte()
    {
        var files = new[] { "opvanglocatie.schema.json", "status.json" }.Select(f => Path.Combine(Harness.SchemaFolder, f)).ToArray();
        var run = Harness.Driver(files.Select(f => new Harness.InMemoryText(f.Replace('\\', '/'), File.ReadAllText(f))), "Regio.Opvang")
            .RunGenerators(Harness.Compilation()).GetRunResult();
        var output = Directory.CreateTempSubdirectory("vr-generate-");
        try
        {
            var stdout = new StringWriter();
            var stderr = new StringWriter();
            var exit = Cli.Program.Run(["generate", .. files, "-o", output.FullName, "--namespace", "Regio.Opvang"], () => Stream.Null, stdout, stderr);
            Assert.Equal(0, exit);
            Assert.Equal("", stderr.ToString());
            var sources = run.Results.Single().GeneratedSources;
            Assert.Equal(sources.Length, output.GetFiles("*.g.cs").Length);
            foreach (var source in sources)
            {
                var written = File.ReadAllBytes(Path.Combine(output.FullName, source.HintName));
                var fromGenerator = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(source.SourceText.ToString())).ToArray();
                Assert.Equal(fromGenerator, written);
            }
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }

    [Fact]
    public void Vr_generate_reports_schema_errors_in_compiler_format_and_exits_1()
    {
        var folder = Directory.CreateTempSubdirectory("vr-generate-");
        try
        {
            var schema = Path.Combine(folder.FullName, "a.schema.json");
            File.WriteAllText(schema, "{ \"$schema\": \"https://json-schema.org/draft/2020-12/schema\", \"type\": \"object\",\n  \"properties\": { \"b\": { \"$ref\": \"weg.json\" } } }");
            var stderr = new StringWriter();
            var exit = Cli.Program.Run(["generate", schema, "-o", Path.Combine(folder.FullName, "out"), "--namespace", "N"], () => Stream.Null, new StringWriter(), stderr);
            Assert.Equal(1, exit);
            Assert.Contains("a.schema.json(2,", stderr.ToString(), StringComparison.Ordinal);
            Assert.Contains("error VR1002", stderr.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("latin1-omschrijving.json", "(42,27): error VR1003: Not UTF-8 at line 42, column 27 (byte 1218)")]
    [InlineData("utf16le-bom.json", "(1,1): error VR1003: The document is UTF-16 (byte order mark FF FE at byte 0)")]
    public void Vr_generate_refuses_a_schema_file_that_is_not_utf8_and_writes_nothing(string file, string expected)
    {
        var folder = Directory.CreateTempSubdirectory("vr-generate-");
        try
        {
            // A good schema beside the broken one: an all-or-nothing run writes neither.
            var good = Path.Combine(Harness.SchemaFolder, "opvanglocatie.schema.json");
            var status = Path.Combine(Harness.SchemaFolder, "status.json");
            var bad = Path.Combine(folder.FullName, "kapot.schema.json");
            File.Copy(Path.Combine(Testing.BadInput.Folder, file), bad);
            var output = Path.Combine(folder.FullName, "out");
            var stderr = new StringWriter();

            var exit = Cli.Program.Run(["generate", good, status, bad, "-o", output, "--namespace", "N"], () => Stream.Null, new StringWriter(), stderr);

            Assert.Equal(1, exit);
            Assert.Contains("kapot.schema.json" + expected, stderr.ToString(), StringComparison.Ordinal);
            Assert.False(Directory.Exists(output));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
