using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Vr.Standaarden.Uitwisseling.Tests;

/// <summary>The store keeps messages for their bewaartermijn, then hands them to the archive in a package that can be checked.</summary>
public sealed class ArchiveTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("vr-archive-");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _root.Delete(recursive: true);
    }

    private static byte[] Message(string id, string bewaartermijn) => Encoding.UTF8.GetBytes(new JsonObject
    {
        ["specversion"] = "1.0", ["id"] = id, ["source"] = "urn:nld:oin:00000004000000042000", ["type"] = "nl.veiligheidsregio.incident.v1",
        ["time"] = "2026-11-20T13:00:00+01:00", ["tlp"] = "TLP:AMBER", ["doelbinding"] = "incidentbestrijding", ["bewaartermijn"] = bewaartermijn,
        ["data"] = new JsonObject { ["id"] = "INC-" + id },
    }.ToJsonString());

    [Fact]
    public void Messages_past_their_bewaartermijn_leave_operational_use_and_go_to_a_checked_package()
    {
        var clock = new Clock(Start);
        var (_, intermediate) = TestPki.Authority();
        var signed = new MessageSigner(TestPki.Leaf(intermediate, "00000004000000042000", ECDsa.Create(ECCurve.NamedCurves.nistP256)), [intermediate]).Sign(Message("a", "P1D"));
        using var store = new MessageStore(Path.Combine(_root.FullName, "berichten.db"), clock);
        Assert.True(store.Add(signed));
        Assert.False(store.Add(signed));
        Assert.True(store.Add(Message("b", "PT1H")));
        Assert.True(store.Add(Message("c", "P1M")));
        Assert.Equal(["a", "b", "c"], store.Operational().Select(m => m.Id));

        clock.Now = Start.AddHours(2);
        Assert.Equal(["a", "c"], store.Operational().Select(m => m.Id));
        Assert.Null(store.Find("urn:nld:oin:00000004000000042000", "b"));

        clock.Now = Start.AddDays(2);
        var archive = Path.Combine(_root.FullName, "archief");
        var package = store.Purge(archive)!;
        Assert.Equal(2, package.Count);
        Assert.Equal(["c"], store.Operational().Select(m => m.Id));
        Assert.Null(store.Purge(archive));

        var check = ArchivePackage.Verify(package.Folder);
        Assert.True(check.IsIntact, string.Join("; ", check.Problems));
        Assert.Equal(2, check.Messages);
        var files = Directory.GetFiles(Path.Combine(package.Folder, "berichten"));
        Assert.Contains(files, f => File.ReadAllBytes(f).SequenceEqual(signed));
        var chain = Assert.Single(Directory.GetFiles(Path.Combine(package.Folder, "ketens")));
        Assert.Equal(2, File.ReadAllText(chain).Split("BEGIN CERTIFICATE").Length - 1);
    }

    [Fact]
    public void A_changed_missing_or_extra_file_and_a_changed_manifest_are_found()
    {
        var clock = new Clock(Start);
        using var store = new MessageStore(Path.Combine(_root.FullName, "berichten.db"), clock);
        store.Add(Message("a", "PT1H"));
        store.Add(Message("b", "PT1H"));
        clock.Now = Start.AddDays(1);
        var folder = store.Purge(Path.Combine(_root.FullName, "archief"))!.Folder;
        var messages = Directory.GetFiles(Path.Combine(folder, "berichten")).Order(StringComparer.Ordinal).ToArray();
        var manifest = Path.Combine(folder, "manifest.json");
        var original = File.ReadAllText(manifest);

        void Expect(string problem)
        {
            var check = ArchivePackage.Verify(folder);
            Assert.False(check.IsIntact);
            Assert.Contains(check.Problems, p => p.Contains(problem, StringComparison.Ordinal));
        }

        var bytes = File.ReadAllBytes(messages[0]);
        bytes[^3] ^= 1;
        File.WriteAllBytes(messages[0], bytes);
        Expect("has been changed");
        bytes[^3] ^= 1;
        File.WriteAllBytes(messages[0], bytes);
        Assert.True(ArchivePackage.Verify(folder).IsIntact);

        File.Move(messages[1], messages[1] + ".weg");
        Expect("is missing");
        File.Move(messages[1] + ".weg", messages[1]);

        File.WriteAllText(Path.Combine(folder, "berichten", "extra.json"), "{}");
        Expect("extra.json is in the package but not in the manifest");
        File.Delete(Path.Combine(folder, "berichten", "extra.json"));

        var edited = JsonNode.Parse(original)!;
        edited["berichten"]!.AsArray().RemoveAt(1);
        File.WriteAllText(manifest, edited.ToJsonString());
        Expect("/sha256: the total over the entries does not hold");
        File.WriteAllText(manifest, original);
        Assert.True(ArchivePackage.Verify(folder).IsIntact);
    }

    [Theory]
    [InlineData("P30D", "2026-12-20T12:00:00+00:00")]
    [InlineData("P1Y6M", "2028-05-20T12:00:00+00:00")]
    [InlineData("P2W", "2026-12-04T12:00:00+00:00")]
    [InlineData("PT36H", "2026-11-22T00:00:00+00:00")]
    [InlineData("P1DT1H1M1S", "2026-11-21T13:01:01+00:00")]
    public void Bewaartermijnen_are_added_in_calendar_terms(string duration, string expected) =>
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), IsoDuration.Add(Start, duration));

    [Theory]
    [InlineData("P")]
    [InlineData("PT")]
    [InlineData("30D")]
    [InlineData("P1.5D")]
    public void Other_texts_are_not_durations(string duration) =>
        Assert.Throws<FormatException>(() => IsoDuration.Add(Start, duration));

    private sealed class Clock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
