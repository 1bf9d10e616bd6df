using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using Vr.Standaarden.Spec;
using Vr.Standaarden.Testing;
using Vr.Standaarden.Versiebeheer.Internal;

namespace Vr.Standaarden.Versiebeheer.Tests;

/// <summary>Migrations move messages forward, lose nothing silently, and always give valid messages of the target.</summary>
public sealed class MigrationTests : IDisposable
{
    private static readonly string TestRelease = Path.Combine(ConformanceSuites.RepositoryRoot, "tests", "spec", "2.0");
    private static readonly Lazy<StandardRelease> Two = new(() => StandardRelease.Load(TestRelease));
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("vr-migrate-");

    public void Dispose() => _root.Delete(recursive: true);

    private static Migrator WithTwo => new([.. Standard.Releases, Two.Value]);

    private static IEnumerable<JsonObject> ValidExamples(string release) =>
        Standard.Release(release).Examples
            .Where(e => e.Path.StartsWith("voorbeelden/geldig/bericht-", StringComparison.Ordinal))
            .Select(e => JsonNode.Parse(e.Utf8.Span)!.AsObject());

    [Fact]
    public void Every_valid_1_0_message_migrates_to_a_valid_1_1_message_that_names_1_1()
    {
        foreach (var message in ValidExamples("1.0"))
        {
            var result = Migrator.Embedded.Migrate(message, "1.1");
            Assert.True(result.Succeeded, string.Join("; ", result.Problems));
            Assert.Equal("1.0", result.From);
            Assert.StartsWith("https://vr-standaarden.github.io/spec/1.1/schemas/", result.Message!["dataschema"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.Empty(result.Dropped);
            Assert.Equal(message["data"]!.ToJsonString(), result.Message["data"]!.ToJsonString());
        }
    }

    [Theory]
    [InlineData("1.1", "1.2")]
    [InlineData("1.0", "1.2")]
    public void Every_valid_message_of_an_earlier_minor_release_migrates_to_1_2_unchanged_but_for_its_dataschema(string from, string to)
    {
        var messages = ValidExamples(from).ToList();
        Assert.NotEmpty(messages);
        foreach (var message in messages)
        {
            var result = Migrator.Embedded.Migrate(message, to);
            Assert.True(result.Succeeded, $"{message["id"]}: {string.Join("; ", result.Problems)}");
            Assert.Equal(from, result.From);
            var entity = message["dataschema"]!.GetValue<string>().Split('/')[^1];
            Assert.Equal($"https://vr-standaarden.github.io/spec/{to}/schemas/{entity}", result.Message!["dataschema"]!.GetValue<string>());
            Assert.Empty(result.Dropped);
            var expected = message.DeepClone().AsObject();
            expected["dataschema"] = result.Message["dataschema"]!.DeepClone();
            Assert.Equal(expected.ToJsonString(), result.Message.ToJsonString());
        }
    }

    [Fact]
    public void Release_1_2_declares_its_migration_from_1_1()
    {
        var migration = Assert.Single(Standard.Release("1.2").Migrations);
        Assert.Equal("migraties/van-1.1.json", migration.Path);
    }

    [Fact]
    public void A_major_step_renames_maps_codes_sets_defaults_and_lists_what_it_drops()
    {
        var incident = ValidExamples("1.0").First(m => m["type"]!.GetValue<string>() == "nl.veiligheidsregio.incident.v1");
        incident["data"]!["grip"]!["niveau"] = "GRIPRIJK";
        incident["data"]!["grip"]!["historie"]!.AsArray().Add(new JsonObject { ["niveau"] = "GRIPRIJK", ["tijdstip"] = "2026-11-20T23:00:00+01:00" });
        var result = WithTwo.Migrate(incident, "2.0");
        Assert.True(result.Succeeded, string.Join("; ", result.Problems));
        var data = result.Message!["data"]!;
        Assert.Null(data["fase"]);
        Assert.Equal(incident["data"]!["fase"]!.GetValue<string>(), data["incidentfase"]!.GetValue<string>());
        Assert.Equal("GRIP-RIJK", data["grip"]!["niveau"]!.GetValue<string>());
        Assert.Equal("GRIP-RIJK", data["grip"]!["historie"]!.AsArray()[^1]!["niveau"]!.GetValue<string>());
        Assert.Equal(1, data["versie"]!.GetValue<int>());
        Assert.Equal("nl.veiligheidsregio.incident.v2", result.Message["type"]!.GetValue<string>());
        Assert.Equal("https://vr-standaarden.github.io/spec/2.0/schemas/incident.schema.json", result.Message["dataschema"]!.GetValue<string>());

        var melding = new JsonObject
        {
            ["specversion"] = "1.0", ["id"] = "m-1", ["source"] = "urn:nld:oin:00000004000000042000", ["type"] = "nl.veiligheidsregio.melding.v1",
            ["time"] = "2026-11-20T21:40:00+01:00", ["datacontenttype"] = "application/json",
            ["dataschema"] = "https://vr-standaarden.github.io/spec/1.1/schemas/melding.schema.json", ["tlp"] = "TLP:AMBER",
            ["doelbinding"] = "incidentbestrijding", ["bewaartermijn"] = "P30D",
            ["data"] = JsonNode.Parse(Standard.Release("1.1").Examples.First(e => e.Path.EndsWith("/melding-woningbrand.json", StringComparison.Ordinal)).Utf8.Span),
        };
        Assert.NotNull(melding["data"]!["omschrijving"]);
        var migrated = WithTwo.Migrate(melding, "2.0");
        Assert.True(migrated.Succeeded, string.Join("; ", migrated.Problems));
        var drop = Assert.Single(migrated.Dropped);
        Assert.Equal("/data/omschrijving", drop.Location);
        Assert.Equal(melding["data"]!["omschrijving"]!.ToJsonString(), drop.Value!.ToJsonString());
        Assert.Contains("release 2.0 kent het veld niet meer", drop.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Generated_valid_messages_of_1_0_always_migrate_to_valid_messages_of_1_1_1_2_and_2_0()
    {
        var release = Standard.Release("1.0");
        var view = new ReleaseView(release);
        var synth = new InstanceSynth();
        var root = new SchemaPosition(view, release.Schema("bericht"), "");
        // Messages of the standard (a dataschema of 1.0): other message types are valid envelopes but not migrated.
        var pool = ValidExamples("1.0").Cast<JsonNode?>().Concat(synth.Valid(root)).OfType<JsonObject>()
            .Where(m => m["dataschema"]?.GetValue<string>().StartsWith("https://vr-standaarden.github.io/spec/1.0/schemas/", StringComparison.Ordinal) == true)
            .ToList();
        Assert.True(pool.Count >= 10, $"only {pool.Count} valid messages to start from");

        // An instance from the pool with optional members of its data left out at random, kept when still valid.
        var messages = Gen.Choose(0, pool.Count - 1).SelectMany(i => Gen.Choose(0, int.MaxValue).Select(seed => (i, seed)))
            .Select(p => Vary(pool[p.i], p.seed))
            .Where(m => view.IsValid(root.Uri, m));
        var migrator = WithTwo;
        Prop.ForAll(messages.ToArbitrary(), message =>
        {
            foreach (var target in new[] { "1.1", "1.2", "2.0" })
            {
                var result = migrator.Migrate(message, target);
                if (!result.Succeeded)
                {
                    throw new InvalidOperationException($"to {target}: {string.Join("; ", result.Problems)}\n{message.ToJsonString()}");
                }
            }
        }).QuickCheckThrowOnFailure();
    }

    private static JsonObject Vary(JsonObject message, int seed)
    {
        var random = new Random(seed);
        var copy = message.DeepClone().AsObject();
        if (copy["data"] is JsonObject data)
        {
            foreach (var name in data.Select(p => p.Key).ToList().Where(_ => random.Next(3) == 0))
            {
                data.Remove(name);
            }
        }

        foreach (var name in new[] { "subject", "expirytime", "correlationid", "causationid", "rubricering" }.Where(_ => random.Next(2) == 0))
        {
            copy.Remove(name);
        }

        return copy;
    }

    [Fact]
    public void A_migration_that_points_at_a_property_that_does_not_exist_is_refused_naming_file_and_pointer()
    {
        var folder = Path.Combine(_root.FullName, "2.0");
        CopyFolder(TestRelease, folder);
        var file = Path.Combine(folder, "migraties", "van-1.1.json");
        var migration = JsonNode.Parse(File.ReadAllText(file))!;
        migration["stappen"]!.AsArray().Add(new JsonObject { ["soort"] = "hernoemen", ["entiteit"] = "incident", ["van"] = "/bestaatNiet", ["naar"] = "/incidentfase" });
        migration["stappen"]!.AsArray().Add(new JsonObject { ["soort"] = "verwijderen", ["entiteit"] = "melding", ["pad"] = "/classificatie" });
        migration["stappen"]!.AsArray().Add(new JsonObject { ["soort"] = "kopieren", ["pad"] = "/id" });
        File.WriteAllText(file, migration.ToJsonString());
        var release = StandardRelease.Load(folder);

        var error = Assert.Throws<ReleaseFolderException>(() => new Migrator([.. Standard.Releases, release]).MigrationBetween(Standard.Release("1.1"), release));
        Assert.Contains(error.Problems, p => p.File.EndsWith("van-1.1.json", StringComparison.Ordinal) && p.Location == "/stappen/5/van" && p.Message.Contains("/bestaatNiet is not a property of incident in release 1.1", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Location == "/stappen/6/reden");
        Assert.Contains(error.Problems, p => p.Location == "/stappen/7/soort" && p.Message.Contains("'kopieren'", StringComparison.Ordinal));
    }

    [Fact]
    public void Input_that_cannot_be_migrated_gets_a_located_problem_and_nothing_is_lost()
    {
        var message = ValidExamples("1.1").First(m => m["type"]!.GetValue<string>() == "nl.veiligheidsregio.incident.v1");

        var unknown = message.DeepClone().AsObject();
        unknown["dataschema"] = "https://example.org/x.schema.json";
        Assert.Equal("/dataschema", Assert.Single(WithTwo.Migrate(unknown, "2.0").Problems).Location);

        var backwards = WithTwo.Migrate(message, "1.0");
        Assert.Contains("forward only", Assert.Single(backwards.Problems).Message, StringComparison.Ordinal);

        Assert.Contains("there are: 1.0, 1.1", Assert.Single(WithTwo.Migrate(message, "3.0").Problems).Message, StringComparison.Ordinal);

        // Both the old and the new name: the rename cannot happen, the value stays, and the problem says where.
        var both = message.DeepClone().AsObject();
        both["data"]!["incidentfase"] = "NAZORG";
        var conflict = WithTwo.Migrate(both, "2.0");
        Assert.False(conflict.Succeeded);
        Assert.Null(conflict.Message);
        Assert.Contains(conflict.Problems, p => p.Location == "/data/incidentfase" && p.Message.Contains("already there", StringComparison.Ordinal));

        var broken = WithTwo.Migrate("{\"a\":"u8, "2.0");
        Assert.Single(broken.Problems);
        Assert.Null(broken.Message);
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
