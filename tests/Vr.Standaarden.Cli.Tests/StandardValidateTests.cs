using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Vr.Standaarden.Testing;

namespace Vr.Standaarden.Cli.Tests;

/// <summary><c>vr validate</c> without <c>--schema</c>: messages of the standard, by schema and domain rules.</summary>
public sealed class StandardValidateTests : IDisposable
{
    private static readonly string Examples = Path.Combine(ConformanceSuites.RepositoryRoot, "spec", "1.0", "voorbeelden");
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("vr-std-");

    public void Dispose() => _folder.Delete(recursive: true);

    private static (int Exit, string Out, string Err) Run(params string[] args) => Vr.Run(args);

    private string Mutated(string name, Action<JsonObject> change)
    {
        var message = JsonNode.Parse(File.ReadAllText(Path.Combine(Examples, "geldig", name)))!.AsObject();
        change(message);
        var path = Path.Combine(_folder.FullName, name);
        File.WriteAllText(path, message.ToJsonString(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        return path;
    }

    [Fact]
    public void A_valid_message_names_its_release_and_exits_0()
    {
        var path = Path.Combine(Examples, "geldig", "bericht-incident-envelop.json");
        var (exit, stdout, _) = Run("validate", path);
        Assert.Equal(0, exit);
        Assert.Equal($"{path}: valid (release 1.0)\n", stdout);
    }

    [Fact]
    public void Several_jobs_write_exactly_what_one_job_writes_in_the_order_given_and_stop_where_one_would()
    {
        // Every example of every release, valid and invalid, twice over, with a changed one among them.
        var files = Directory.GetFiles(Path.Combine(ConformanceSuites.RepositoryRoot, "spec"), "bericht-*.json", SearchOption.AllDirectories)
            .Where(f => f.Contains("voorbeelden", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        files = [.. files, Mutated("bericht-incident-envelop.json", m => m["data"]!["grip"]!["niveau"] = "GRIP2"), .. files];
        Assert.True(files.Count > 40, $"only {files.Count} messages");
        foreach (var output in new[] { "text", "list" })
        {
            var one = Run(["validate", "--jobs", "1", "--output", output, .. files]);
            var two = Run(["validate", "--jobs", "2", "--output", output, .. files]);
            var many = Run(["validate", "-j", "16", "--output", output, .. files]);
            Assert.Equal(1, one.Exit);
            Assert.Equal(one, two);
            Assert.Equal(one, many);
        }

        // A file that cannot be read ends the run where it stands, as with one job: what came before it is written.
        var missing = Path.Combine(_folder.FullName, "ontbreekt.json");
        var stopped = Run(["validate", "--jobs", "2", .. files[..3], missing, .. files[3..]]);
        Assert.Equal(2, stopped.Exit);
        Assert.Equal(3, stopped.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Count(l => !l.StartsWith(' ')));
        Assert.Contains("cannot read", stopped.Err, StringComparison.Ordinal);
        Assert.Equal(2, Run("validate", "--jobs", "0", files[0]).Exit);
    }

    [Fact]
    public void Domain_rules_run_after_the_schema_and_errors_make_the_message_invalid()
    {
        var path = Mutated("bericht-incident-envelop.json", m => m["data"]!["grip"]!["niveau"] = "GRIP2");
        var (exit, stdout, _) = Run("validate", path);
        Assert.Equal(1, exit);
        Assert.Equal($"{path}: invalid (release 1.0)\n  /data/grip/niveau: error VR-GRIP-001: The current level is GRIP2, but the last declaration in the history is GRIP1.\n", stdout);
    }

    [Fact]
    public void Warnings_are_shown_but_keep_the_message_valid()
    {
        var path = Mutated("bericht-incident-envelop.json", m => m["data"]!["locatie"]!["adres"]!["gemeente"] = "GM0599");
        var (exit, stdout, _) = Run("validate", path);
        Assert.Equal(0, exit);
        Assert.Contains("valid (release 1.0)\n  /data/locatie/bag/nummeraanduidingId: warning VR-ID-003: BAG object 0518200000538521 lies in GM0518, but the address names GM0599.", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void List_output_writes_one_json_object_per_message_with_both_languages()
    {
        var path = Mutated("bericht-incident-envelop.json", m => m["tlp"] = "TLP:PURPLE");
        var (exit, stdout, _) = Run("validate", "--output", "list", path);
        Assert.Equal(1, exit);
        var result = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal(path, result.GetProperty("instance").GetString());
        Assert.False(result.GetProperty("valid").GetBoolean());
        var finding = result.GetProperty("findings")[0];
        Assert.Equal("VR-SCHEMA-001", finding.GetProperty("code").GetString());
        Assert.Equal("enum", finding.GetProperty("keyword").GetString());
        Assert.Equal("/tlp", finding.GetProperty("instanceLocation").GetString());
        Assert.Equal("'TLP:PURPLE' is not one of the allowed values.", finding.GetProperty("message").GetString());
        Assert.Equal("'TLP:PURPLE' is geen van de toegestane waarden.", finding.GetProperty("melding").GetString());
    }

    [Fact]
    public void A_file_with_a_byte_order_mark_is_read()
    {
        var path = Path.Combine(_folder.FullName, "bom.json");
        File.WriteAllText(path, File.ReadAllText(Path.Combine(Examples, "geldig", "bericht-incident-envelop.json")), new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        Assert.Equal([0xEF, 0xBB, 0xBF], File.ReadAllBytes(path)[..3]);
        Assert.Equal(0, Run("validate", path).Exit);
        Assert.Equal(0, Run("validate", "--schema", Path.Combine(ConformanceSuites.RepositoryRoot, "spec", "1.0", "schemas", "bericht.schema.json"), path).Exit);
    }

    [Fact]
    public void Options_that_need_a_schema_are_a_usage_error_without_one()
    {
        var (exit, _, stderr) = Run("validate", "--ref", "https://x/=.", Path.Combine(Examples, "geldig", "bericht-incident-envelop.json"));
        Assert.Equal(2, exit);
        Assert.Contains("--dialect, --ref and --output hierarchical need --schema", stderr, StringComparison.Ordinal);
    }
}
