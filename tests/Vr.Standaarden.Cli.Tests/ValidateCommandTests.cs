using System.Text;
using System.Text.Json;

namespace Vr.Standaarden.Cli.Tests;

/// <summary>The contract of <c>vr validate</c> that other tools and CI pipelines rely on.</summary>
public sealed class ValidateCommandTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("vr-cli-");

    public ValidateCommandTests()
    {
        Write("schema.json", """
            { "$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object", "required": ["id"],
              "properties": { "id": { "type": "string", "format": "uuid" }, "grip": { "$ref": "https://vr.example/codes/grip.json" } } }
            """);
        Directory.CreateDirectory(Path.Combine(_folder.FullName, "codes"));
        Write("codes/grip.json", """{ "enum": ["GRIP0", "GRIP1", "GRIP2"] }""");
        Write("ok.json", """{ "id": "3f2504e0-4f89-11d3-9a0c-0305e82c3301", "grip": "GRIP1" }""");
        Write("bad.json", """{ "id": "geen-uuid", "grip": "GRIP9" }""");
        Write("broken.json", "{\n  \"id\": ,\n}");
    }

    public void Dispose() => _folder.Delete(recursive: true);

    private string Path_(string name) => Path.Combine(_folder.FullName, name);

    private void Write(string name, string text) => File.WriteAllText(Path_(name), text);

    private (int Exit, string Out, string Err) Run(string stdin, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var previous = Directory.GetCurrentDirectory();
        Directory.SetCurrentDirectory(_folder.FullName);
        try
        {
            var exit = Program.Run(args, () => new MemoryStream(Encoding.UTF8.GetBytes(stdin)), stdout, stderr);
            return (exit, stdout.ToString().Replace("\r\n", "\n", StringComparison.Ordinal), stderr.ToString());
        }
        finally
        {
            Directory.SetCurrentDirectory(previous);
        }
    }

    private static readonly string[] RefArgs = ["--ref", "https://vr.example/codes/=codes"];

    [Fact]
    public void All_valid_prints_one_line_per_instance_and_exits_0()
    {
        var (exit, stdout, _) = Run("", ["validate", "--schema", "schema.json", .. RefArgs, "ok.json"]);
        Assert.Equal(0, exit);
        Assert.Equal("ok.json: valid\n", stdout);
    }

    [Fact]
    public void Any_invalid_exits_1_with_indented_located_errors()
    {
        var (exit, stdout, _) = Run("", ["validate", "--schema", "schema.json", .. RefArgs, "--assert-format", "ok.json", "bad.json"]);
        Assert.Equal(1, exit);
        var lines = stdout.TrimEnd('\n').Split('\n');
        Assert.Equal("ok.json: valid", lines[0]);
        Assert.Equal("bad.json: invalid", lines[1]);
        Assert.Contains(lines, l => l.StartsWith("  /id: ", StringComparison.Ordinal) && l.Contains("uuid", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("  /grip: ", StringComparison.Ordinal));
        Assert.All(lines.Skip(2), l => Assert.StartsWith("  ", l, StringComparison.Ordinal));
    }

    [Fact]
    public void Format_is_only_asserted_when_asked()
    {
        Write("only-format.json", """{ "id": "geen-uuid" }""");
        Assert.Equal(0, Run("", ["validate", "--schema", "schema.json", .. RefArgs, "only-format.json"]).Exit);
        Assert.Equal(1, Run("", ["validate", "--schema", "schema.json", .. RefArgs, "--assert-format", "only-format.json"]).Exit);
    }

    [Fact]
    public void Instance_that_is_not_json_is_invalid_with_line_and_column()
    {
        var (exit, stdout, _) = Run("", ["validate", "--schema", "schema.json", .. RefArgs, "broken.json"]);
        Assert.Equal(1, exit);
        Assert.StartsWith("broken.json: invalid\n  ", stdout, StringComparison.Ordinal);
        Assert.Contains("line 2, column 9", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Dash_reads_standard_input()
    {
        var (exit, stdout, _) = Run("""{ "grip": "GRIP0" }""", ["validate", "--schema", "schema.json", .. RefArgs, "-"]);
        Assert.Equal(1, exit);
        Assert.StartsWith("-: invalid\n", stdout, StringComparison.Ordinal);
        Assert.Contains("'id'", stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("flag")]
    [InlineData("list")]
    [InlineData("hierarchical")]
    public void Json_outputs_write_one_object_per_instance(string output)
    {
        var (exit, stdout, _) = Run("", ["validate", "--schema", "schema.json", .. RefArgs, "--output", output, "ok.json", "bad.json"]);
        Assert.Equal(1, exit);
        var lines = stdout.TrimEnd('\n').Split('\n');
        Assert.Equal(2, lines.Length);
        var ok = JsonDocument.Parse(lines[0]).RootElement;
        var bad = JsonDocument.Parse(lines[1]).RootElement;
        Assert.Equal("ok.json", ok.GetProperty("instance").GetString());
        Assert.True(ok.GetProperty("valid").GetBoolean());
        Assert.False(bad.GetProperty("valid").GetBoolean());
        Assert.Equal(output != "flag", bad.TryGetProperty("errors", out _));
    }

    [Fact]
    public void Unresolvable_reference_is_exit_2_with_the_reason_on_stderr()
    {
        var (exit, stdout, stderr) = Run("", ["validate", "--schema", "schema.json", "ok.json"]);
        Assert.Equal(2, exit);
        Assert.Empty(stdout);
        Assert.Contains("https://vr.example/codes/grip.json", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Schema_that_is_not_json_is_exit_2()
    {
        Write("not-json.json", "{ \"type\": }");
        var (exit, _, stderr) = Run("", ["validate", "--schema", "not-json.json", "ok.json"]);
        Assert.Equal(2, exit);
        Assert.Contains("line 1, column 11", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("validate", "--schema", "schema.json")]
    [InlineData("validate", "--schema", "schema.json", "--output", "xml", "ok.json")]
    [InlineData("validate", "--schema", "schema.json", "--dialect", "draft4", "ok.json")]
    [InlineData("validate", "--schema", "schema.json", "--ref", "no-equals-sign", "ok.json")]
    [InlineData("validate", "--schema", "missing.json", "ok.json")]
    public void Usage_errors_are_exit_2(params string[] args)
    {
        var (exit, _, stderr) = Run("", args);
        Assert.Equal(2, exit);
        Assert.NotEmpty(stderr);
    }

    [Fact]
    public void Dialect_option_overrides_the_default()
    {
        Write("d7.json", """{ "definitions": { "s": { "type": "string" } }, "$ref": "#/definitions/s", "maxLength": 2 }""");
        Write("abc.json", "\"abc\"");
        Assert.Equal(1, Run("", ["validate", "--schema", "d7.json", "abc.json"]).Exit);
        Assert.Equal(0, Run("", ["validate", "--dialect", "draft7", "--schema", "d7.json", "abc.json"]).Exit);
    }
    [Fact]
    public void A_tree_whose_layout_mirrors_the_schema_id_resolves_without_ref()
    {
        Directory.CreateDirectory(Path_("std/spec/9.9/schemas"));
        Directory.CreateDirectory(Path_("std/spec/9.9/codelijsten"));
        Write("std/spec/9.9/schemas/rit.schema.json", """
            { "$schema": "https://json-schema.org/draft/2020-12/schema", "$id": "https://standaard.example/spec/9.9/schemas/rit.schema.json",
              "type": "object", "properties": { "kleur": { "$ref": "../codelijsten/kleur.json" } } }
            """);
        Write("std/spec/9.9/codelijsten/kleur.json", """{ "$id": "https://standaard.example/spec/9.9/codelijsten/kleur.json", "enum": ["R", "G"] }""");
        Write("rood.json", """{ "kleur": "R" }""");
        Write("blauw.json", """{ "kleur": "B" }""");

        var (exit, stdout, stderr) = Run("", ["validate", "--schema", "std/spec/9.9/schemas/rit.schema.json", "rood.json", "blauw.json"]);
        Assert.Equal("", stderr);
        Assert.Equal(1, exit);
        Assert.StartsWith("rood.json: valid\nblauw.json: invalid\n  /kleur:", stdout, StringComparison.Ordinal);
    }
}
