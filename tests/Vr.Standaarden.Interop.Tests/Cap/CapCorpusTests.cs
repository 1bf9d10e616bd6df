using System.Text;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Vr.Standaarden.Interop.Cap;
using Vr.Standaarden.Validatie;

namespace Vr.Standaarden.Interop.Tests.Cap;

/// <summary>
/// Alerts in the style of real senders from abroad and from the past (tests/fixtures/interop/cap-wereld): liberal in what
/// the interop accepts, exact in what it produces.
/// </summary>
public sealed class CapCorpusTests
{
    private const string Gateway = "urn:nld:oin:00000004000000042000:systeem:cap-gateway";
    private static readonly MessageValidator Validator = new();

    private static string Folder => Fixtures.Folder("cap-wereld");

    public static TheoryData<string> Files() => [.. Directory.GetFiles(Folder, "*.xml").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    [Fact]
    public void The_corpus_holds_the_senders_the_issue_names() =>
        Assert.True(Directory.GetFiles(Folder, "*.xml").Length >= 10);

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_alert_parses_without_errors_and_round_trips_cap_to_cap(string file)
    {
        var original = File.ReadAllBytes(Path.Combine(Folder, file));
        var alert = CapReader.Read(original);
        Assert.DoesNotContain(CapValidator.Validate(alert), f => f.Severity == CapSeverity.Error);
        Assert.True(XNode.DeepEquals(CapMappingTests.Infoset(original), CapMappingTests.Infoset(CapWriter.Write(alert))));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_alert_becomes_valid_messages_and_the_same_alert_again(string file)
    {
        var original = File.ReadAllBytes(Path.Combine(Folder, file));
        var alert = CapReader.Read(original);
        var messages = CapMapping.ToMessages(alert, new CapMappingOptions { Source = Gateway });
        Assert.Equal(Math.Max(alert.Infos.Count, 1), messages.Count);
        Assert.All(messages, m => Assert.Equal(alert.Infos.Count == 0 ? CapMapping.NoticeType : CapMapping.MessageType, (string?)m["type"]));
        foreach (var message in messages)
        {
            var result = Validator.Validate(Encoding.UTF8.GetBytes(message.ToJsonString()));
            Assert.True(result.IsValid, string.Join("\n", result.Errors.Select(e => e.ToString())));
        }

        var back = CapMapping.ToAlert([.. messages.Select(m => JsonNode.Parse(m.ToJsonString())!.AsObject())]);
        var expected = CapMappingTests.Infoset(original);
        var actual = CapMappingTests.Infoset(CapWriter.Write(back));
        Assert.True(XNode.DeepEquals(expected, actual), $"expected:\n{expected}\nactual:\n{actual}");
    }

    [Fact]
    public void Usage_notes_are_warnings_and_errors_only_when_strict()
    {
        foreach (var (file, code) in new[] { ("naad-restriction-public.xml", "CAP-009"), ("lege-polygoon-en-referenties.xml", "CAP-007"), ("lege-polygoon-en-referenties.xml", "CAP-011") })
        {
            var alert = CapReader.Read(File.ReadAllBytes(Path.Combine(Folder, file)));
            Assert.Equal(CapSeverity.Warning, Assert.Single(CapValidator.Validate(alert), f => f.Code == code).Severity);
            Assert.Equal(CapSeverity.Error, Assert.Single(CapValidator.Validate(alert, CapValidationMode.Strict), f => f.Code == code).Severity);
        }
    }

    [Fact]
    public void A_public_alert_is_tlp_white_before_tlp_2_and_tlp_clear_after()
    {
        string Label(string file) => (string)CapMapping.ToMessages(CapReader.Read(File.ReadAllBytes(Path.Combine(Folder, file))), new CapMappingOptions { Source = Gateway })[0]["tlp"]!;
        Assert.Equal("TLP:WHITE", Label("knmi-2005-storm.xml"));
        Assert.Equal("TLP:WHITE", Label("bom-bosbrand-2019.xml"));
        Assert.Equal("TLP:CLEAR", Label("dwd-onweer.xml"));
    }
}
