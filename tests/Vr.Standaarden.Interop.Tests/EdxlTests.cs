using System.Text;
using Vr.Standaarden.Interop.Cap;
using Vr.Standaarden.Interop.Edxl;
using Vr.Standaarden.Interop.Tests.Cap;

namespace Vr.Standaarden.Interop.Tests;

public sealed class EdxlTests
{
    private static byte[] Fixture(string name) => File.ReadAllBytes(Path.Combine(Fixtures.Folder("edxl"), name));

    [Fact]
    public void De_2_0_with_embedded_cap_is_read_and_mapped_by_the_table()
    {
        var distribution = EdxlReader.Read(Fixture("de2-met-cap.xml"));
        Assert.Equal(("2.0", "DE-VR15-2026-0042", "Exercise", "Update"), (distribution.Version, distribution.DistributionId, distribution.DistributionStatus, distribution.DistributionKind));
        Assert.Equal(("oin", "00000004000000099000"), distribution.ExplicitAddresses[0]);
        Assert.Equal(2, distribution.Contents.Count);
        Assert.True(distribution.Contents[0].IsCap);
        var alert = CapReader.Read(Encoding.UTF8.GetBytes(distribution.Contents[0].EmbeddedXml!));
        Assert.Equal("VR15-OPS-2026-0042-2", alert.Identifier);
        Assert.Equal(("image/png", "https://example.org/pluim.png"), (distribution.Contents[1].MimeType, distribution.Contents[1].Uri));

        var envelope = EdxlMapping.ToEnvelope(distribution, "urn:nld:oin:00000004000000042000");
        Assert.Equal("TLP:AMBER", (string?)envelope["tlp"]);
        Assert.Equal("STG-C", (string?)envelope["rubricering"]);
        Assert.Equal("2026-11-20T23:10:05Z", (string?)envelope["time"]);
        Assert.Equal("2026-11-21T23:10:05Z", (string?)envelope["expirytime"]);
        Assert.Equal("Exercise", (string?)envelope["edxlstatus"]);
    }

    [Fact]
    public void De_1_0_is_read_too()
    {
        var distribution = EdxlReader.Read(Fixture("de1-met-cap.xml"));
        Assert.Equal(("1.0", "RWS-DE-7", "Report"), (distribution.Version, distribution.DistributionId, distribution.DistributionKind));
        Assert.Null(distribution.DateTimeExpires);
        Assert.Equal("TLP:CLEAR", EdxlMapping.ToEnvelope(distribution, "urn:nld:oin:00000004000000042000")["tlp"]!.GetValue<string>());
        Assert.Equal("RWS-2026-0007", CapReader.Read(Encoding.UTF8.GetBytes(distribution.Contents[0].EmbeddedXml!)).Identifier);
    }

    [Theory]
    [InlineData("CONFIDENTIAL")]
    [InlineData("UNCLASSIFIED")]
    [InlineData("TLP:AMBER GEHEIM")]
    [InlineData("TLP:WHITE")]
    public void Confidentiality_outside_the_table_is_refused_never_guessed(string value) =>
        Assert.Throws<EdxlMappingException>(() => EdxlMapping.Confidentiality(value));

    [Fact]
    public void No_confidentiality_needs_a_label_given()
    {
        Assert.Throws<EdxlMappingException>(() => EdxlMapping.Confidentiality(null));
        Assert.Equal(("TLP:GREEN", (string?)null), EdxlMapping.Confidentiality(null, "TLP:GREEN"));
    }

    [Fact]
    public void A_distribution_written_as_2_0_reads_back_the_same()
    {
        var distribution = EdxlReader.Read(Fixture("de1-met-cap.xml"));
        var again = EdxlReader.Read(EdxlReader.Write(distribution));
        Assert.Equal("2.0", again.Version);
        Assert.Equal((distribution.DistributionId, distribution.SenderId, distribution.DateTimeSent, distribution.CombinedConfidentiality), (again.DistributionId, again.SenderId, again.DateTimeSent, again.CombinedConfidentiality));
        Assert.Equal(CapMappingTests.Infoset(Encoding.UTF8.GetBytes(distribution.Contents[0].EmbeddedXml!)).ToString(), CapMappingTests.Infoset(Encoding.UTF8.GetBytes(again.Contents[0].EmbeddedXml!)).ToString());
    }

    [Fact]
    public void A_dtd_is_refused()
    {
        var xml = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><EDXLDistribution xmlns=\"urn:oasis:names:tc:emergency:EDXL:DE:2.0\">&e;</EDXLDistribution>";
        var error = Assert.Throws<EdxlReadException>(() => EdxlReader.Read(Encoding.UTF8.GetBytes(xml)));
        Assert.Contains("DTD", error.Message, StringComparison.Ordinal);
    }
}
