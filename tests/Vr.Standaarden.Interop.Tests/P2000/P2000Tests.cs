using System.Text;
using Vr.Standaarden.Begrippen;
using Vr.Standaarden.Interop.P2000;
using Vr.Standaarden.Validatie;

namespace Vr.Standaarden.Interop.Tests.P2000;

public sealed class P2000Tests
{
    private static readonly string[] Lines = File.ReadAllLines(Path.Combine(Fixtures.Folder("p2000"), "meldingen.txt"));

    private static P2000MappingOptions Options()
    {
        var options = new P2000MappingOptions { Source = "urn:nld:oin:00000004000000042000:systeem:p2000", Time = new DateTimeOffset(2026, 11, 20, 21, 40, 0, TimeSpan.FromHours(1)) };
        options.Meldkamers["BDH"] = "00000004000000042000";
        options.DefaultMeldkamer = "00000004000000099000";
        return options;
    }

    [Fact]
    public void A_fire_line_gives_every_part()
    {
        var m = P2000Reader.Read(Lines[0]);
        Assert.Equal(("P1", "BRW"), (m.Priority, m.Discipline));
        Assert.Equal(("BDH", "03"), (m.Meldkamer, m.MeldkamerNumber));
        Assert.Equal("BR woning", m.IncidentText);
        Assert.Equal("brgb01", m.Classificatie);
        Assert.Equal(("Willem van der Madeweg", 12, "Leiden"), (m.Street, m.HouseNumber, m.Place));
        Assert.Equal(["164252", "169192", "164230"], m.Units);
        Assert.Equal("VR16", m.Region);
        Assert.Equal(P2000Confidence.High, m.Confidence);
        Assert.Null(m.Unrecognised);
    }

    [Fact]
    public void Flags_automatic_alarms_and_units_of_another_region()
    {
        var m = P2000Reader.Read(Lines[1]);
        Assert.Equal(["Intrekken Alarm Brw"], m.Flags);
        Assert.Equal("alabab", m.Classificatie);
        Assert.StartsWith("Autom. brand OMS", m.IncidentText, StringComparison.Ordinal);
        Assert.Equal(100, m.HouseNumber);
        Assert.Equal("Rotterdam", m.Place);
        Assert.Equal("VR17", m.Region);
    }

    [Fact]
    public void Ambulance_and_police_styles()
    {
        var reanimatie = P2000Reader.Read(Lines[3]);
        Assert.Equal(("A1", "GNK", "gz"), (reanimatie.Priority, reanimatie.Discipline, reanimatie.Classificatie));
        Assert.Equal(("Kerkstraat", 3, "Delft"), (reanimatie.Street, reanimatie.HouseNumber, reanimatie.Place));

        var a2 = P2000Reader.Read(Lines[4]);
        Assert.Equal(("A2", 14, "B"), (a2.Priority, a2.HouseNumber, a2.HouseNumberSuffix));
        Assert.True(a2.ClassificatieEstimated);
        Assert.Equal(P2000Confidence.Low, a2.Confidence);

        var b2 = P2000Reader.Read(Lines[5]);
        Assert.Equal(["Contact MKA"], b2.Flags);
        Assert.Equal(("B2", "VR13"), (b2.Priority, b2.Region));

        var police = P2000Reader.Read(Lines[6]);
        Assert.Equal(("PRIO1", "POL"), (police.Priority, police.Discipline));
        Assert.Equal("Achtervolging", police.IncidentText);
    }

    [Fact]
    public void A_road_and_hectometre()
    {
        var m = P2000Reader.Read(Lines[7]);
        Assert.Equal(Hectometrering.Create("A13", Rijbaanzijde.Rechts, 7.6m), m.Hectometre);
        Assert.Equal("vkwe", m.Classificatie);
        Assert.Equal("Ongeval wegvervoer", m.IncidentText);
        Assert.Equal("Rijswijk", m.Place);
    }

    [Fact]
    public void Flex_lines_give_time_and_capcodes_and_unstructured_text_is_kept()
    {
        var m = P2000Reader.Read(Lines[9]);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 21, 42, 13, TimeSpan.FromHours(1)), m.Time);
        Assert.Equal(["1500050", "1500140", "2029568"], m.Capcodes);
        Assert.Equal("brgb01", m.Classificatie);

        var loose = P2000Reader.Read(Lines[10]);
        Assert.Equal("Testbericht zonder structuur", loose.Unrecognised);
        Assert.Equal(P2000Confidence.Low, loose.Confidence);
        Assert.Null(loose.Priority);
    }

    [Fact]
    public void Every_line_with_a_priority_and_a_place_becomes_a_valid_melding()
    {
        var validator = new MessageValidator();
        var made = 0;
        foreach (var line in Lines)
        {
            var m = P2000Reader.Read(line);
            if (m.Priority is null)
            {
                Assert.Throws<P2000MappingException>(() => P2000Mapping.ToMessage(m, Options()));
                continue;
            }

            var message = P2000Mapping.ToMessage(m, Options());
            var result = validator.Validate(Encoding.UTF8.GetBytes(message.ToJsonString()));
            Assert.True(result.IsValid, line + "\n" + string.Join("\n", result.Errors) + "\n" + message.ToJsonString());
            Assert.Equal(line, (string?)message["data"]!["uitbreidingen"]![P2000Mapping.Extension]!["tekst"]);
            made++;
        }

        Assert.Equal(10, made);
    }

    [Fact]
    public void A_pager_line_is_entered_by_the_meldkamer_and_a_classification_read_from_its_words_is_computed()
    {
        var messages = Lines.Select(P2000Reader.Read).Where(m => m.Priority is not null).Select(m => (Line: m, Message: P2000Mapping.ToMessage(m, Options()))).ToList();
        Assert.All(messages, m => Assert.Equal("invoer", (string?)m.Message["data"]!["totstandkoming"]!["soort"]));
        var estimated = messages.Where(m => m.Line.ClassificatieEstimated).ToList();
        Assert.NotEmpty(estimated);
        Assert.All(estimated, m => Assert.Equal("berekening", (string?)m.Message["data"]!["veldTotstandkoming"]!["/classificatie"]!["soort"]));
        Assert.All(messages.Where(m => !m.Line.ClassificatieEstimated), m => Assert.Null(m.Message["data"]!["veldTotstandkoming"]));
    }

    [Fact]
    public void The_melding_says_where_and_how_sure()
    {
        var message = P2000Mapping.ToMessage(P2000Reader.Read(Lines[9]), Options());
        var data = message["data"]!;
        Assert.Equal("00000004000000042000", (string?)data["meldkamer"]);
        Assert.Equal("P1", (string?)data["prioriteiten"]![0]!["prioriteit"]);
        Assert.Equal("2026-11-20T21:42:13+01:00", (string?)data["tijdstippen"]!["melding"]);
        Assert.Equal("Willem van der Madeweg", (string?)data["locatie"]!["adres"]!["openbareRuimte"]);
        Assert.Equal("hoog", (string?)data["uitbreidingen"]![P2000Mapping.Extension]!["zekerheid"]);
        Assert.Equal("1500050", (string?)data["uitbreidingen"]![P2000Mapping.Extension]!["capcodes"]![0]);
        Assert.Equal("BDH-03", (string?)data["uitbreidingen"]![P2000Mapping.Extension]!["meldkamercode"]);
    }
}
