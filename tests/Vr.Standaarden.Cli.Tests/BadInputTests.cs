using Vr.Standaarden.Testing;

namespace Vr.Standaarden.Cli.Tests;

/// <summary><c>vr validate</c> in both modes: bytes that are not UTF-8 JSON are invalid with a located reason, never a stack trace.</summary>
public sealed class BadInputTests
{
    private static readonly string Schema = Path.Combine(ConformanceSuites.RepositoryRoot, "spec", "1.0", "schemas", "bericht.schema.json");

    public static TheoryData<string, string, long> Cases => BadInput.Cases;

    private static (int Exit, string Out, string Err) Run(params string[] args) => Vr.Run(args);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Both_modes_call_each_bad_file_invalid_and_say_where(string file, string kind, long offset)
    {
        var path = Path.Combine(BadInput.Folder, file);
        var where = offset >= 0 ? $"byte {offset}" : "byte ";

        var (exit, stdout, stderr) = Run("validate", path);
        Assert.Equal(1, exit);
        Assert.StartsWith($"{path}: invalid\n", stdout, StringComparison.Ordinal);
        Assert.Contains(kind == "Syntax" ? "VR-JSON-001" : "VR-JSON-002", stdout, StringComparison.Ordinal);
        Assert.Contains(where, stdout, StringComparison.Ordinal);
        Assert.Equal("", stderr);

        (exit, stdout, stderr) = Run("validate", "--schema", Schema, path);
        Assert.Equal(1, exit);
        Assert.StartsWith($"{path}: invalid\n", stdout, StringComparison.Ordinal);
        Assert.Contains(where, stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stdout + stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_size_and_depth_limits_apply_in_both_modes()
    {
        var path = Path.Combine(BadInput.Folder, "utf8-bom-valid.json");
        var size = new FileInfo(path).Length;

        Assert.Equal(0, Run("validate", path).Exit);
        Assert.Equal(0, Run("validate", "--schema", Schema, path).Exit);

        var (exit, stdout, _) = Run("validate", "--max-bytes", "1000", path);
        Assert.Equal(1, exit);
        Assert.Contains($"VR-JSON-003: The document is {size} bytes, more than the limit of 1000 bytes.", stdout, StringComparison.Ordinal);
        (exit, stdout, _) = Run("validate", "--schema", Schema, "--max-bytes", "1000", path);
        Assert.Equal(1, exit);
        Assert.Contains($"The document is {size} bytes, more than the limit of 1000 bytes.", stdout, StringComparison.Ordinal);

        (exit, stdout, _) = Run("validate", "--max-depth", "3", path);
        Assert.Equal(1, exit);
        Assert.Contains("VR-JSON-003", stdout, StringComparison.Ordinal);
        (exit, stdout, _) = Run("validate", "--schema", Schema, "--max-depth", "3", path);
        Assert.Equal(1, exit);
        Assert.Contains("exceeds the limit of 3", stdout, StringComparison.Ordinal);

        Assert.Equal(2, Run("validate", "--max-depth", "0", path).Exit);
    }
}
