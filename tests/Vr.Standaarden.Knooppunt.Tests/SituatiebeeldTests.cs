using System.Text.Json.Nodes;
using Vr.Standaarden.Spec;

namespace Vr.Standaarden.Knooppunt.Tests;

public sealed class SituatiebeeldTests : IDisposable
{
    private const string Meldkamer = "urn:nld:oin:00000004000000042000:systeem:GMS";
    private const string Brandweer = "urn:nld:oin:00000004000000043000:systeem:LCMS";
    private const string Ghor = "urn:nld:oin:00000004000000044000:systeem:GHOR4all";
    private static readonly DateTimeOffset T0 = new(2026, 11, 20, 21, 20, 0, TimeSpan.FromHours(1));
    private readonly string _folder = Directory.CreateTempSubdirectory("vr-knooppunt-").FullName;

    public void Dispose() => Directory.Delete(_folder, true);

    private static JsonObject Incident(string source, int minutes, Action<JsonObject>? change = null) =>
        TestIncidents.Message(source, minutes, T0.AddMinutes(minutes), change);

    private static void Grip(JsonObject data, string level) => data["grip"]!["niveau"] = level;

    private static void Move(JsonObject data, double dx) =>
        data["locatie"]!["geometrie"]!["coordinates"] = new JsonArray(81390.2 + dx, 455480.7);

    private static JsonObject Example(string name) =>
        JsonNode.Parse(Standard.Release("1.2").Find($"voorbeelden/geldig/{name}.json")!.Utf8.Span)!.AsObject();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_cancellation_by_its_sender_takes_a_warning_off_the_picture_in_either_order(bool cancellationFirst)
    {
        // NL-Alert NLALERT-VR15-2026-0042 at 21:50, withdrawn by the same sender at 00:15.
        var warning = Example("bericht-waarschuwing-envelop");
        var cancellation = Example("bericht-kennisgeving-envelop");
        var picture = new Situatiebeeld();
        foreach (var message in cancellationFirst ? new[] { cancellation, warning } : [warning, cancellation])
        {
            Assert.True(picture.Apply(message));
        }

        Assert.Empty(picture.Entities("waarschuwing"));
        Assert.Equal("INTREKKING", (string?)Assert.Single(picture.Entities("kennisgeving")).Data["soort"]);

        // A warning sent again after the cancellation is in force again.
        var again = Example("bericht-waarschuwing-envelop");
        again["id"] = "d4c3b2a1-0000-4000-8000-000000000001";
        again["time"] = "2026-11-21T02:00:00+01:00";
        picture.Apply(again);
        Assert.Single(picture.Entities("waarschuwing"));
    }

    [Fact]
    public void Sources_and_incident_ids_kept_as_the_picture_changes_are_those_its_contents_name()
    {
        var picture = new Situatiebeeld();
        var warning = Example("bericht-waarschuwing-envelop");
        var warningSource = (string)warning["source"]!;
        var steps = new List<JsonObject>
        {
            Incident(Meldkamer, 1, d => d["id"] = "INC-15-2026-0300"),
            Incident(Meldkamer, 2, d => d["id"] = "INC-15-2026-0100"),
            Incident(Brandweer, 3, d => d["id"] = "INC-15-2026-0200"),
            Incident(Brandweer, 4, d => d["id"] = "INC-15-2026-0100"),
            warning,
        };

        // The same warning, newer, from another sender: its first sender no longer appears anywhere.
        var replaced = Example("bericht-waarschuwing-envelop");
        replaced["id"] = "d4c3b2a1-0000-4000-8000-000000000002";
        replaced["source"] = Ghor;
        replaced["time"] = "2026-11-21T01:00:00+01:00";
        steps.Add(replaced);
        foreach (var message in steps)
        {
            picture.Apply(message);
            var named = picture.IncidentIds.SelectMany(id => picture.Incident(id)!.Sources)
                .Concat(new[] { "waarschuwing", "kennisgeving" }.SelectMany(picture.Entities).Select(e => e.Herkomst.Source))
                .Distinct().Order(StringComparer.Ordinal);
            Assert.Equal(named, picture.Sources);
        }

        Assert.Equal(["INC-15-2026-0100", "INC-15-2026-0200", "INC-15-2026-0300"], picture.IncidentIds);
        Assert.DoesNotContain(warningSource, new[] { Meldkamer, Brandweer, Ghor });
        Assert.Equal(new[] { Meldkamer, Brandweer, Ghor }.Order(StringComparer.Ordinal), picture.Sources);
    }

    [Fact]
    public void The_tally_per_source_kept_message_by_message_is_the_one_counted_afresh()
    {
        // Contradictions that come and go: the brandweer disagrees on the GRIP level of one incident, then agrees again;
        // the GHOR reports on another incident and disagrees there for good.
        var messages = new List<JsonObject>
        {
            Incident(Meldkamer, 1, d => d["id"] = "INC-15-2026-0001"),
            Incident(Meldkamer, 2, d => d["id"] = "INC-15-2026-0002"),
            Incident(Brandweer, 3, d => { d["id"] = "INC-15-2026-0001"; Grip(d, "GRIP2"); }),
            Incident(Ghor, 4, d => { d["id"] = "INC-15-2026-0002"; Grip(d, "GRIP3"); }),
            Incident(Brandweer, 5, d => d["id"] = "INC-15-2026-0001"),
            Incident(Meldkamer, 6, d => d["id"] = "INC-15-2026-0003"),
        };
        var kept = new Situatiebeeld();
        var seen = new List<string>();
        foreach (var message in messages)
        {
            kept.Apply(message);
            seen.Add(string.Join("; ", kept.Bronnen.Select(b => $"{b.Bron} {b.Incidenten}/{b.Tegenstrijdig}/{b.Terugmeldingen}")));
        }

        var afresh = new Situatiebeeld();
        foreach (var message in messages)
        {
            afresh.Apply(message);
        }

        Assert.Equal(afresh.Bronnen.Select(b => (b.Bron, b.Incidenten, b.Tegenstrijdig, b.Terugmeldingen)), kept.Bronnen.Select(b => (b.Bron, b.Incidenten, b.Tegenstrijdig, b.Terugmeldingen)));

        // The brandweer's disagreement counted while it lasted, and no longer.
        Assert.Contains(seen, line => line.Contains($"{Brandweer} 1/1/0", StringComparison.Ordinal));
        var brandweer = kept.Bronnen.Single(b => b.Bron == Brandweer);
        Assert.Equal((1, 0), (brandweer.Incidenten, brandweer.Tegenstrijdig));
        Assert.Equal((3, 1), (kept.Bronnen.Single(b => b.Bron == Meldkamer).Incidenten, kept.Bronnen.Single(b => b.Bron == Ghor).Tegenstrijdig));
    }

    [Fact]
    public void Another_source_cannot_withdraw_a_warning()
    {
        var cancellation = Example("bericht-kennisgeving-envelop");
        cancellation["source"] = Brandweer;
        var picture = new Situatiebeeld();
        picture.Apply(Example("bericht-waarschuwing-envelop"));
        picture.Apply(cancellation);
        Assert.Equal("NLALERT-VR15-2026-0042", Assert.Single(picture.Entities("waarschuwing")).Id);
    }

    [Fact]
    public void Sources_that_agree_give_one_picture_with_the_provenance_of_each_field()
    {
        var picture = new Situatiebeeld();
        Assert.True(picture.Apply(Incident(Meldkamer, 0)));
        Assert.True(picture.Apply(Incident(Brandweer, 2, d => Move(d, 40))));
        var state = picture.Incident("INC-15-2026-0042")!;
        Assert.Empty(state.Contradictions);
        Assert.Equal([Meldkamer, Brandweer], state.Sources);
        Assert.Equal("GRIP1", (string?)state.Fields["grip"].Value);
        Assert.Equal(Brandweer, state.Fields["grip"].Herkomst.Source);
        // Without authority the latest message's value is current, and says which message it came from.
        Assert.Equal(("LCMS-2", T0.AddMinutes(2)), (state.Fields["tijdstippen.melding"].Herkomst.MessageId, state.Fields["tijdstippen.melding"].Herkomst.Time));
    }

    [Fact]
    public void Disagreement_on_grip_and_a_location_too_far_apart_are_flagged_never_resolved_silently()
    {
        var picture = new Situatiebeeld();
        picture.Apply(Incident(Meldkamer, 0));
        picture.Apply(Incident(Brandweer, 3, d => { Grip(d, "GRIP2"); Move(d, 300); }));
        picture.Apply(Incident(Ghor, 4, d => Move(d, 100)));
        var state = picture.Incident("INC-15-2026-0042")!;

        var grip = Assert.Single(state.Contradictions, c => c.Field == "grip");
        Assert.Equal(["GRIP1", "GRIP2", "GRIP1"], grip.Values.Select(v => (string?)v.Value));
        Assert.Equal([Meldkamer, Brandweer, Ghor], grip.Values.Select(v => v.Herkomst.Source));
        var location = Assert.Single(state.Contradictions, c => c.Field == "locatie");
        Assert.Contains("300 m apart, more than 250 m", location.Reason, StringComparison.Ordinal);
        Assert.Equal(2, state.Contradictions.Count);
    }

    [Theory]
    [InlineData(7.4653, 51.5136, 0.0009, false)] // Dortmund, ≈ 100 m apart
    [InlineData(7.4653, 51.5136, 0.0045, true)] // Dortmund, ≈ 500 m apart
    [InlineData(-75.6972, 45.4215, 0.0009, false)] // Ottawa, where RD's projection means nothing
    [InlineData(-75.6972, 45.4215, 0.0045, true)]
    [InlineData(174.7762, -41.2865, 0.0045, true)] // Wellington, nearly opposite the Netherlands
    public void Locations_abroad_are_compared_along_the_earth_never_through_rd(double lon, double lat, double northwards, bool contradicts)
    {
        void At(JsonObject data, double north) => data["locatie"] = new JsonObject
        {
            ["omschrijving"] = "Over de grens",
            ["geometrie"] = new JsonObject { ["type"] = "Point", ["coordinates"] = new JsonArray(lon, lat + north) },
            ["crs"] = "OGC:CRS84",
        };

        var picture = new Situatiebeeld();
        Assert.True(picture.Apply(Incident(Meldkamer, 0, d => At(d, 0))));
        Assert.True(picture.Apply(Incident(Brandweer, 2, d => At(d, northwards))));
        var location = picture.Incident("INC-15-2026-0042")!.Contradictions.SingleOrDefault(c => c.Field == "locatie");
        Assert.Equal(contradicts, location is not null);
        if (location is not null)
        {
            // 0.0045° of latitude is 500 m along the Earth, whatever the place.
            Assert.Contains("500 m apart", location.Reason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_tolerance_is_configurable_and_a_later_agreement_closes_the_contradiction()
    {
        var wide = new Situatiebeeld(new SituatiebeeldOptions { LocationToleranceMetres = 500 });
        wide.Apply(Incident(Meldkamer, 0));
        wide.Apply(Incident(Brandweer, 3, d => Move(d, 300)));
        Assert.Empty(wide.Incident("INC-15-2026-0042")!.Contradictions);

        var picture = new Situatiebeeld();
        picture.Apply(Incident(Meldkamer, 0));
        picture.Apply(Incident(Brandweer, 3, d => Grip(d, "GRIP2")));
        Assert.Single(picture.Incident("INC-15-2026-0042")!.Contradictions);
        picture.Apply(Incident(Meldkamer, 5, d => Grip(d, "GRIP2")));
        Assert.Empty(picture.Incident("INC-15-2026-0042")!.Contradictions);
    }

    [Fact]
    public void Authority_per_field_decides_the_current_value_and_an_older_message_changes_nothing()
    {
        var options = new SituatiebeeldOptions();
        options.Authority["tijdstippen.alarmering"] = ["urn:nld:oin:00000004000000042000"];
        var picture = new Situatiebeeld(options);
        picture.Apply(Incident(Meldkamer, 0));
        picture.Apply(Incident(Brandweer, 3, d => d["tijdstippen"]!["alarmering"] = "2026-11-20T21:16:00+01:00"));
        var state = picture.Incident("INC-15-2026-0042")!;
        Assert.Equal("2026-11-20T21:15:30+01:00", (string?)state.Fields["tijdstippen.alarmering"].Value);
        Assert.Equal(Meldkamer, state.Fields["tijdstippen.alarmering"].Herkomst.Source);

        picture.Apply(Incident(Brandweer, 1, d => d["fase"] = "NAZORG"));
        Assert.Equal("BESTRIJDING", (string?)picture.Incident("INC-15-2026-0042")!.Fields["fase"].Value);
    }

    [Fact]
    public void The_picture_at_a_moment_is_rebuilt_from_the_log_and_changes_between_moments_are_listed()
    {
        var path = Path.Combine(_folder, "log.db");
        using (var log = new MessageLog(path))
        {
            Assert.True(log.Add(Incident(Meldkamer, 0)));
            Assert.True(log.Add(Incident(Brandweer, 10, d => Grip(d, "GRIP2"))));
            Assert.True(log.Add(Incident(Meldkamer, 20, d => Grip(d, "GRIP2"))));
            Assert.False(log.Add(Incident(Meldkamer, 20)));
        }

        using var reopened = new MessageLog(path);
        Assert.Equal(3, reopened.Count);
        var early = Situatiebeeld.At(reopened.Until(), T0.AddMinutes(5));
        var middle = Situatiebeeld.At(reopened.Until(), T0.AddMinutes(15));
        var late = Situatiebeeld.At(reopened.Until(T0.AddMinutes(30)), T0.AddMinutes(30));
        Assert.Equal("GRIP1", (string?)early.Incident("INC-15-2026-0042")!.Fields["grip"].Value);
        Assert.Single(middle.Incident("INC-15-2026-0042")!.Contradictions);
        Assert.Empty(late.Incident("INC-15-2026-0042")!.Contradictions);

        var changes = Situatiebeeld.Changes(early, late);
        var grip = Assert.Single(changes, c => c.Field == "grip");
        Assert.Equal(("GRIP1", "GRIP2"), ((string?)grip.Before!.Value, (string?)grip.After!.Value));
        Assert.Empty(Situatiebeeld.Changes(late, late));
        Assert.Null(Situatiebeeld.At(reopened.Until(), T0.AddMinutes(-1)).Incident("INC-15-2026-0042"));
    }

    [Fact]
    public void Other_entities_are_kept_whole_and_messages_of_other_standards_leave_the_picture_alone()
    {
        var picture = new Situatiebeeld();
        var warning = JsonNode.Parse(Standard.Newest.Find("voorbeelden/geldig/bericht-waarschuwing-envelop.json")!.Utf8.Span)!.AsObject();
        Assert.True(picture.Apply(warning));
        Assert.Empty(picture.IncidentIds);
        var kept = Assert.Single(picture.Entities("waarschuwing"));
        Assert.Equal(((string?)warning["data"]!["id"], (string?)warning["source"], (string?)warning["tlp"]), (kept.Id, kept.Herkomst.Source, kept.Tlp));
        Assert.True(JsonNode.DeepEquals(warning["data"], kept.Data));

        var foreign = warning.DeepClone().AsObject();
        foreign["type"] = "com.example.weer.v1";
        Assert.False(new Situatiebeeld().Apply(foreign));
        foreign["type"] = "nl.veiligheidsregio.waarschuwing";
        Assert.False(new Situatiebeeld().Apply(foreign));
    }

    [Fact]
    public void A_melding_that_names_its_incident_adds_the_meldkamers_view_of_it()
    {
        var picture = new Situatiebeeld();
        picture.Apply(Incident(Brandweer, 0, d => d["classificatie"] = "brgb01"));
        var melding = Entity("melding", Meldkamer, "MK-1", 1, new JsonObject
        {
            ["id"] = "MK15-1",
            ["incidentId"] = "INC-15-2026-0042",
            ["classificatie"] = "brgb02",
            ["tijdstippen"] = new JsonObject { ["melding"] = "2026-11-20T21:14:05+01:00" },
        });
        Assert.True(picture.Apply(melding));
        var state = picture.Incident("INC-15-2026-0042")!;
        Assert.Equal([Meldkamer, Brandweer], state.Sources);
        Assert.Equal("classificatie", Assert.Single(state.Contradictions).Field);
        Assert.Single(picture.Entities("melding"));
    }

    [Fact]
    public void A_besluit_resolves_a_contradiction_until_a_source_reports_again_after_it()
    {
        var picture = new Situatiebeeld(Deciding("VR15", "urn:nld:oin:00000004000000043000"));
        picture.Apply(Incident(Meldkamer, 0));
        picture.Apply(Incident(Brandweer, 5, d => Grip(d, "GRIP2")));
        Assert.Single(picture.Incident("INC-15-2026-0042")!.Contradictions);

        picture.Apply(Entity("besluit", Brandweer, "BES-1", 10, new JsonObject
        {
            ["id"] = "BES-42-1",
            ["incidentId"] = "INC-15-2026-0042",
            ["team"] = "ROT",
            ["tijdstip"] = "2026-11-20T21:30:00+01:00",
            ["tekst"] = "GRIP 2 geldt.",
            ["uitbreidingen"] = new JsonObject { [Situatiebeeld.ResolutionExtension] = new JsonObject { ["oplossingen"] = new JsonArray(new JsonObject { ["veld"] = "grip", ["waarde"] = "GRIP2" }) } },
        }));
        var resolved = picture.Incident("INC-15-2026-0042")!;
        Assert.Empty(resolved.Contradictions);
        var decision = Assert.Single(resolved.Resolved);
        Assert.Equal(("grip", "BES-42-1", "ROT", "BES-1"), (decision.Resolution.Field, decision.Resolution.BesluitId, decision.Resolution.Team, resolved.Fields["grip"].Herkomst.MessageId));
        Assert.Equal(2, decision.Contradiction.Values.Count);

        // The meldkamer still says GRIP1 after the decision: that is a contradiction again, for a person to see.
        picture.Apply(Incident(Meldkamer, 20));
        var reopened = picture.Incident("INC-15-2026-0042")!;
        Assert.Equal("grip", Assert.Single(reopened.Contradictions).Field);
        Assert.Empty(reopened.Resolved);
    }

    private static SituatiebeeldOptions Deciding(string region, string source)
    {
        var options = new SituatiebeeldOptions();
        options.Deciders[region] = [source];
        return options;
    }

    private static JsonObject Besluit(string source, string id, int minutes, string grip, bool overrides = false)
    {
        var extension = new JsonObject { ["oplossingen"] = new JsonArray(new JsonObject { ["veld"] = "grip", ["waarde"] = grip }) };
        if (overrides)
        {
            extension["overschrijft"] = true;
        }

        return Entity("besluit", source, id, minutes, new JsonObject
        {
            ["id"] = id,
            ["incidentId"] = "INC-15-2026-0042",
            ["team"] = "ROT",
            ["tijdstip"] = "2026-11-20T21:30:00+01:00",
            ["tekst"] = $"{grip} geldt.",
            ["uitbreidingen"] = new JsonObject { [Situatiebeeld.ResolutionExtension] = extension },
        });
    }

    [Fact]
    public void Another_regions_besluit_and_a_value_no_source_gave_leave_the_contradiction_open_with_the_reason()
    {
        const string Vr15 = "urn:nld:oin:00000099150000000020:systeem:LCMS";
        const string Vr16 = "urn:nld:oin:00000099160000000020:systeem:LCMS";
        var options = Deciding("VR15", "urn:nld:oin:00000099150000000020");
        options.Deciders["VR16"] = ["urn:nld:oin:00000099160000000020"];
        var picture = new Situatiebeeld(options);
        picture.Apply(Incident(Meldkamer, 0));
        picture.Apply(Incident(Brandweer, 5, d => Grip(d, "GRIP2")));

        // VR16 may decide for its own incidents, not for this one of VR15, even with a value a source gave.
        picture.Apply(Besluit(Vr16, "BES-16", 10, "GRIP2"));
        var state = picture.Incident("INC-15-2026-0042")!;
        Assert.Equal("grip", Assert.Single(state.Contradictions).Field);
        Assert.Empty(state.Resolved);
        Assert.Contains("may not decide for incidents of VR15", Assert.Single(state.SetAside).Reason, StringComparison.Ordinal);

        // VR15's own crisis organisation cannot choose a level no source reported, unless it says it overrides and may.
        picture.Apply(Besluit(Vr15, "BES-15a", 11, "GRIP4"));
        state = picture.Incident("INC-15-2026-0042")!;
        Assert.Single(state.Contradictions);
        Assert.Equal(["BES-15a", "BES-16"], state.SetAside.Select(r => r.Resolution.BesluitId));
        Assert.Contains("which no source gave", state.SetAside[0].Reason, StringComparison.Ordinal);
        Assert.Equal("GRIP2", (string?)state.Fields["grip"].Value);

        picture.Apply(Besluit(Vr15, "BES-15b", 12, "GRIP4", overrides: true));
        Assert.Contains("may not override", picture.Incident("INC-15-2026-0042")!.SetAside[0].Reason, StringComparison.Ordinal);

        // A legitimate decision stands when another region's besluit comes after it.
        picture.Apply(Besluit(Vr15, "BES-15d", 13, "GRIP2"));
        picture.Apply(Besluit(Vr16, "BES-16b", 14, "GRIP1"));
        state = picture.Incident("INC-15-2026-0042")!;
        Assert.Equal(("GRIP2", "BES-15d"), ((string?)state.Fields["grip"].Value, Assert.Single(state.Resolved).Resolution.BesluitId));
        Assert.Equal("BES-16b", state.SetAside[0].Resolution.BesluitId);
        options.MayOverride.Add("urn:nld:oin:00000099150000000020");
        var allowed = new Situatiebeeld(options);
        foreach (var message in new[] { Incident(Meldkamer, 0), Incident(Brandweer, 5, d => Grip(d, "GRIP2")), Besluit(Vr15, "BES-15b", 12, "GRIP4", overrides: true) })
        {
            allowed.Apply(message);
        }

        state = allowed.Incident("INC-15-2026-0042")!;
        Assert.Equal(("GRIP4", "BES-15b"), ((string?)state.Fields["grip"].Value, Assert.Single(state.Resolved).Resolution.BesluitId));
        Assert.Empty(state.Contradictions);

        // Without any decider configured, nobody resolves anything.
        var closed = new Situatiebeeld();
        foreach (var message in new[] { Incident(Meldkamer, 0), Incident(Brandweer, 5, d => Grip(d, "GRIP2")), Besluit(Vr15, "BES-15c", 12, "GRIP2") })
        {
            closed.Apply(message);
        }

        Assert.Single(closed.Incident("INC-15-2026-0042")!.Contradictions);
    }

    [Fact]
    public void A_message_the_picture_cannot_read_changes_nothing_and_says_why()
    {
        var picture = new Situatiebeeld();
        picture.Apply(Incident(Meldkamer, 0));
        var error = Assert.Throws<FormatException>(() => picture.Apply(Incident(Brandweer, 5, d => d["grip"] = "GRIP4")));
        Assert.Contains("cannot be merged", error.Message, StringComparison.Ordinal);
        var located = Assert.Throws<FormatException>(() => picture.Apply(Incident(Brandweer, 6, d => d["locatie"]!["geometrie"]!["coordinates"] = new JsonArray("noord", "oost"))));
        Assert.NotNull(located.InnerException);
        var state = picture.Incident("INC-15-2026-0042")!;
        Assert.Equal([Meldkamer], state.Sources);
        Assert.Empty(state.Contradictions);
    }

    [Fact]
    public void An_incident_is_shared_no_wider_than_the_strictest_message_it_was_built_from()
    {
        var picture = new Situatiebeeld();
        var first = Incident(Meldkamer, 0);
        first["tlp"] = "TLP:GREEN";
        first["doelbinding"] = "incidentbestrijding crisisbeheersing evaluatie";
        var second = Incident(Brandweer, 1);
        second["tlp"] = "TLP:AMBER";
        second["doelbinding"] = "crisisbeheersing incidentbestrijding";
        picture.Apply(first);
        Assert.Equal("TLP:GREEN", picture.Incident("INC-15-2026-0042")!.Tlp);
        picture.Apply(second);
        var state = picture.Incident("INC-15-2026-0042")!;
        Assert.Equal("TLP:AMBER", state.Tlp);
        Assert.Equal(["incidentbestrijding", "crisisbeheersing"], state.Doelbinding);
    }

    internal static JsonObject Entity(string entity, string source, string id, int minutes, JsonObject data) => new()
    {
        ["specversion"] = "1.0",
        ["id"] = id,
        ["source"] = source,
        ["type"] = $"nl.veiligheidsregio.{entity}.v1",
        ["time"] = T0.AddMinutes(minutes).ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture),
        ["tlp"] = "TLP:AMBER",
        ["doelbinding"] = "incidentbestrijding",
        ["data"] = data,
    };

    [Fact]
    public void The_picture_keeps_its_fields_values_and_no_object_of_the_message_they_were_read_from()
    {
        var picture = new Situatiebeeld();
        var (description, text) = ApplyWithDescription(picture);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        // The value stays, as text of its own: the message's string object is gone with the message.
        Assert.False(description.TryGetTarget(out _));
        Assert.Equal(text, (string?)picture.Incident("INC-15-2026-0400")!.Fields["locatie"].Value?["omschrijving"]);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static (WeakReference<string> Description, string Text) ApplyWithDescription(Situatiebeeld picture)
    {
        var description = string.Concat(Enumerable.Repeat("Binnenhof, Den Haag; ", 50));
        Assert.True(picture.Apply(Incident(Meldkamer, 1, d =>
        {
            d["id"] = "INC-15-2026-0400";
            d["locatie"]!["omschrijving"] = description;
        })));
        return (new WeakReference<string>(description), string.Concat(Enumerable.Repeat("Binnenhof, Den Haag; ", 50)));
    }

    [Fact]
    public void A_fields_value_is_a_new_copy_on_each_read_and_equal_values_are_equal_by_their_json()
    {
        var picture = new Situatiebeeld();
        picture.Apply(Incident(Meldkamer, 1, d => d["id"] = "INC-15-2026-0401"));
        var field = picture.Incident("INC-15-2026-0401")!.Fields["locatie"];

        var first = field.Value!.AsObject();
        first["omschrijving"] = "changed by its reader";
        Assert.NotSame(first, field.Value);
        Assert.NotEqual("changed by its reader", (string?)field.Value!["omschrijving"]);

        var herkomst = field.Herkomst;
        Assert.Equal(new FieldValue(JsonNode.Parse("""{"a": [1, "x"]}"""), herkomst), new FieldValue(JsonNode.Parse("""{"a":[1,"x"]}"""), herkomst));
        Assert.Equal(new FieldValue(null, herkomst).GetHashCode(), new FieldValue(null, herkomst).GetHashCode());
        Assert.NotEqual(new FieldValue(JsonValue.Create("GRIP1"), herkomst), new FieldValue(JsonValue.Create("GRIP2"), herkomst));
        Assert.Null(new FieldValue(null, herkomst).Value);
        var (value, from) = new FieldValue(JsonValue.Create(3), herkomst);
        Assert.Equal(3, (int)value!);
        Assert.Same(herkomst, from);
    }
}
