using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Vr.Standaarden.Interop.Cap;
using Vr.Standaarden.Validatie;

namespace Vr.Standaarden.Interop.Tests.Cap;

public sealed class CapMappingTests
{
    private const string Gateway = "urn:nld:oin:00000004000000042000:systeem:cap-gateway";
    private static readonly MessageValidator Validator = new();

    public static TheoryData<string> Files() => [.. Fixtures.CapFiles];

    /// <summary>The infoset of a document, the whitespace between elements and the namespace declarations (not the names) aside.</summary>
    internal static XElement Infoset(byte[] xml)
    {
        var root = XDocument.Load(new MemoryStream(xml), LoadOptions.PreserveWhitespace).Root!;
        foreach (var text in root.DescendantNodesAndSelf().OfType<XText>().Where(t => t.Parent!.HasElements && string.IsNullOrWhiteSpace(t.Value)).ToList())
        {
            text.Remove();
        }

        foreach (var attribute in root.DescendantsAndSelf().Attributes().Where(a => a.IsNamespaceDeclaration).ToList())
        {
            attribute.Remove();
        }

        return root;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Cap_to_the_standard_and_back_gives_the_original_infoset(string file)
    {
        var original = Fixtures.Cap(file);
        var messages = CapMapping.ToMessages(CapReader.Read(original), new CapMappingOptions { Source = Gateway });
        var text = messages.Select(m => m.ToJsonString()).ToList();
        var back = CapMapping.ToAlert(text.Select(t => JsonNode.Parse(t)!.AsObject()).Reverse());
        var expected = Infoset(original);
        var actual = Infoset(CapWriter.Write(back));
        Assert.True(XNode.DeepEquals(expected, actual), $"expected:\n{expected}\nactual:\n{actual}");
    }

    [Theory]
    [InlineData("knmi-storm-oranje.xml", 2)]
    [InlineData("nl-alert-brand.xml", 2)]
    [InlineData("update-beperkt.xml", 1)]
    [InlineData("cap11-prive.xml", 1)]
    [InlineData("cap10-wachtwoord.xml", 1)]
    [InlineData("latin1-proef.xml", 1)]
    public void Each_info_becomes_a_valid_waarschuwing_message(string file, int count)
    {
        var messages = CapMapping.ToMessages(CapReader.Read(Fixtures.Cap(file)), new CapMappingOptions { Source = Gateway });
        Assert.Equal(count, messages.Count);
        foreach (var message in messages)
        {
            var result = Validator.Validate(Encoding.UTF8.GetBytes(message.ToJsonString()));
            Assert.True(result.IsValid, string.Join("\n", result.Errors.Select(e => e.ToString())) + "\n" + message.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        }
    }

    [Fact]
    public void The_mapping_follows_the_table()
    {
        var messages = CapMapping.ToMessages(CapReader.Read(Fixtures.Cap("nl-alert-brand.xml")));
        var nl = messages[0];
        Assert.Equal("urn:nld:oin:00000004000000042000", (string?)nl["source"]);
        Assert.Equal("NL-ALERT-VR15-2026-0042#1", (string?)nl["id"]);
        Assert.Equal("NL-ALERT-VR15-2026-0042#2", (string?)messages[1]["id"]);
        Assert.Equal("TLP:CLEAR", (string?)nl["tlp"]);
        Assert.Equal("2026-11-20T21:55:00+01:00", (string?)nl["time"]);
        Assert.Equal("2026-11-21T03:00:00+01:00", (string?)nl["expirytime"]);
        Assert.Equal("INC-15-2026-0042", (string?)nl["correlationid"]);
        var data = nl["data"]!;
        Assert.Equal("nl-NL", (string?)data["taal"]);
        Assert.Equal("en-GB", (string?)messages[1]["data"]!["taal"]);
        Assert.Equal("INC-15-2026-0042", (string?)data["incidentId"]);
        Assert.Equal("Observed", (string?)data["zekerheid"]);
        var area = data["gebieden"]![0]!;
        // CAP writes latitude first; the standard (CRS84) longitude first.
        Assert.Equal("[4.35,52]", area["polygonen"]![0]![0]!.ToJsonString());
        Assert.Equal("[4.3705,52.0049]", area["cirkels"]![0]!["middelpunt"]!.ToJsonString());
        Assert.Equal(1.5, (double)area["cirkels"]![0]!["straalKm"]!);
        Assert.Equal("GM0503", (string?)area["geocodes"]![0]!["waarde"]);

        var update = CapMapping.ToMessages(CapReader.Read(Fixtures.Cap("update-beperkt.xml")))[0];
        Assert.Equal("TLP:AMBER", (string?)update["tlp"]);
        Assert.Equal("2026-11-20T23:10:00Z", (string?)update["time"]);
        Assert.Equal("VR15-OPS-2026-0042-1", (string?)update["causationid"]);
        Assert.Equal("VR15-OPS-2026-0042-1", (string?)update["correlationid"]);
        Assert.Equal(1500, (double)update["data"]!["gebieden"]![0]!["plafond"]!);

        var prive = CapMapping.ToMessages(CapReader.Read(Fixtures.Cap("cap11-prive.xml")), new CapMappingOptions { Source = Gateway })[0];
        Assert.Equal("TLP:RED", (string?)prive["tlp"]);
    }

    [Fact]
    public void A_waarschuwing_made_natively_becomes_an_alert()
    {
        var message = JsonNode.Parse(Vr.Standaarden.Spec.Standard.Newest.Find("voorbeelden/geldig/bericht-waarschuwing-envelop.json")!.Utf8.Span)!.AsObject();
        var alert = CapMapping.ToAlert([message]);
        Assert.Equal((string?)message["data"]!["id"], alert.Identifier);
        Assert.Equal((string?)message["source"], alert.Sender);
        Assert.True(alert.Sent.HasCapForm);
        Assert.Single(alert.Infos);
        Assert.DoesNotContain(CapValidator.Validate(CapReader.Read(CapWriter.Write(alert))), f => f.Severity == CapSeverity.Error);
    }

    [Fact]
    public void A_kennisgeving_made_natively_becomes_a_cancel_that_references_the_warning()
    {
        var message = JsonNode.Parse(Vr.Standaarden.Spec.Standard.Release("1.2").Find("voorbeelden/geldig/bericht-kennisgeving-envelop.json")!.Utf8.Span)!.AsObject();
        var alert = CapMapping.ToAlert([message]);
        Assert.Equal("Cancel", alert.MsgType);
        Assert.Empty(alert.Infos);
        Assert.Equal("urn:nld:oin:00000099000000012000,NLALERT-VR15-2026-0042,2026-11-20T21:50:00+01:00", alert.References);
        Assert.Equal((string?)message["data"]!["toelichting"], alert.Note);
        Assert.Equal("Public", alert.Scope);
        Assert.DoesNotContain(CapValidator.Validate(CapReader.Read(CapWriter.Write(alert))), f => f.Severity == CapSeverity.Error);

        // And back: the alert gives the same kind, references and note.
        var again = CapMapping.ToMessages(alert, new CapMappingOptions { Source = Gateway }).Single();
        Assert.Equal(CapMapping.NoticeType, (string?)again["type"]);
        Assert.Equal("INTREKKING", (string?)again["data"]!["soort"]);
        Assert.True(JsonNode.DeepEquals(message["data"]!["betreft"], again["data"]!["betreft"]));
        Assert.Equal("NLALERT-VR15-2026-0042", (string?)again["causationid"]);
    }

    [Theory]
    [InlineData("Alert")]
    [InlineData("Update")]
    public void An_alert_or_update_without_info_warns_of_nothing_and_is_refused(string msgType)
    {
        var alert = CapReader.Read(Encoding.UTF8.GetBytes($"""
            <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>X-1</identifier><sender>a@b.example</sender>
            <sent>2026-12-01T10:00:00+01:00</sent><status>Actual</status><msgType>{msgType}</msgType><scope>Public</scope></alert>
            """));
        var error = Assert.Throws<CapMappingException>(() => CapMapping.ToMessages(alert, new CapMappingOptions { Source = Gateway }));
        Assert.Contains($"is an {msgType}: it warns of nothing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_error_keeps_what_its_references_cannot_say_in_the_extension()
    {
        // One reference without a usable time: it cannot be a betreft entry, and the CAP text keeps it for the way back.
        var text = """
            <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>E-7</identifier><sender>lms@example.nl</sender>
            <sent>2026-12-01T10:00:00+01:00</sent><status>Actual</status><msgType>Error</msgType><scope>Public</scope>
            <note>Polygoon niet gesloten</note><references>a@b.example,W-1,2026-12-01T09:00:00+01:00 a@b.example,W-2,gisteren</references></alert>
            """;
        var alert = CapReader.Read(Encoding.UTF8.GetBytes(text));
        var message = CapMapping.ToMessages(alert, new CapMappingOptions { Source = Gateway }).Single();
        Assert.Equal("FOUT", (string?)message["data"]!["soort"]);
        Assert.Equal("W-1", (string?)message["data"]!["betreft"]!.AsArray().Single()!["id"]);
        Assert.Equal("Polygoon niet gesloten", (string?)message["data"]!["toelichting"]);
        Assert.True(new Vr.Standaarden.Validatie.MessageValidator().Validate(Encoding.UTF8.GetBytes(message.ToJsonString())).IsValid);
        Assert.Equal(alert.References, CapMapping.ToAlert([message]).References);
    }

    [Fact]
    public void A_sender_that_is_no_oin_needs_a_source()
    {
        var error = Assert.Throws<CapMappingException>(() => CapMapping.ToMessages(CapReader.Read(Fixtures.Cap("knmi-storm-oranje.xml"))));
        Assert.Contains("CapMappingOptions.Source", error.Message, StringComparison.Ordinal);
    }
}
