using System.Text.Json;
using Vr.Standaarden.Testing;

namespace Vr.Standaarden.Spec.Tests;

/// <summary>
/// A released folder never changes: <c>spec/vrijgegeven.json</c> holds the digest of each released folder (every file
/// but the generated docs/), and any change to one of them fails here.
/// </summary>
public sealed class FrozenReleaseTests
{
    private static readonly string SpecRoot = Path.Combine(ConformanceSuites.RepositoryRoot, "spec");

    public static TheoryData<string> Released()
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(SpecRoot, "vrijgegeven.json")));
        return [.. document.RootElement.GetProperty("releases").EnumerateObject().Select(p => p.Name)];
    }

    [Theory]
    [MemberData(nameof(Released))]
    public void A_released_folder_has_the_digest_it_was_released_with(string release)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(SpecRoot, "vrijgegeven.json")));
        var expected = document.RootElement.GetProperty("releases").GetProperty(release).GetString();
        var actual = ReleaseDigest.Of(Path.Combine(SpecRoot, release));
        Assert.True(expected == actual,
            $"spec/{release} changed after its release (digest {actual}, released as {expected}). A released folder never changes: put the change in a new release folder.");
    }

    [Fact]
    public void The_digest_sees_one_changed_byte_and_one_extra_file()
    {
        var copy = Directory.CreateTempSubdirectory("vr-frozen-");
        try
        {
            foreach (var file in Directory.GetFiles(Path.Combine(SpecRoot, "1.0", "codelijsten")))
            {
                Directory.CreateDirectory(Path.Combine(copy.FullName, "codelijsten"));
                File.Copy(file, Path.Combine(copy.FullName, "codelijsten", Path.GetFileName(file)));
            }

            var before = ReleaseDigest.Of(copy.FullName);
            var target = Path.Combine(copy.FullName, "codelijsten", "tlp.json");
            var bytes = File.ReadAllBytes(target);
            bytes[^2] ^= 0x20;
            File.WriteAllBytes(target, bytes);
            var changed = ReleaseDigest.Of(copy.FullName);
            Assert.NotEqual(before, changed);

            Directory.CreateDirectory(Path.Combine(copy.FullName, "docs"));
            File.WriteAllText(Path.Combine(copy.FullName, "docs", "index.md"), "# generated");
            Assert.Equal(changed, ReleaseDigest.Of(copy.FullName));
            File.WriteAllText(Path.Combine(copy.FullName, "extra.json"), "{}");
            Assert.NotEqual(changed, ReleaseDigest.Of(copy.FullName));
        }
        finally
        {
            copy.Delete(recursive: true);
        }
    }
}
