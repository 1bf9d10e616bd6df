using System.Security.Cryptography;
using System.Security.Cryptography.Xml;
using System.Text;
using System.Xml;
using Vr.Standaarden.Interop.Cap;

namespace Vr.Standaarden.Interop.Tests.Cap;

public sealed class CapReadWriteTests
{
    public static TheoryData<string> Files() => [.. Fixtures.CapFiles];

    /// <summary>The canonical form (C14N, without comments) of a document: equal forms are equal infosets.</summary>
    internal static byte[] Canonical(byte[] xml)
    {
        var document = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
        using (var reader = XmlReader.Create(new MemoryStream(xml), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit }))
        {
            document.Load(reader);
        }

        var transform = new XmlDsigC14NTransform(includeComments: false);
        transform.LoadInput(document);
        using var output = (Stream)transform.GetOutput(typeof(Stream));
        using var copy = new MemoryStream();
        output.CopyTo(copy);
        return copy.ToArray();
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Read_then_write_gives_the_same_infoset(string file)
    {
        var original = Fixtures.Cap(file);
        var written = CapWriter.Write(CapReader.Read(original));
        Assert.Equal(Encoding.UTF8.GetString(Canonical(original)), Encoding.UTF8.GetString(Canonical(written)));
        Assert.Equal(Canonical(written), Canonical(CapWriter.Write(CapReader.Read(written))));
    }

    [Fact]
    public void The_model_holds_what_the_alert_says()
    {
        var alert = CapReader.Read(Fixtures.Cap("knmi-storm-oranje.xml"));
        Assert.Equal(CapNamespaces.Cap12, alert.Namespace);
        Assert.Equal("2.49.0.1.528.0.20261129083000.ZH.wind.oranje", alert.Identifier);
        Assert.Equal(new DateTimeOffset(2026, 11, 29, 8, 30, 0, TimeSpan.FromHours(1)), alert.Sent.Value);
        Assert.Equal(["nl-NL", "en-GB"], alert.Infos.Select(i => i.Language));
        var nl = alert.Infos[0];
        Assert.Equal("3; orange; Severe", nl.Parameters.Single(p => p.ValueName == "awareness_level").Value);
        Assert.Equal(["NL008", "NL009"], nl.Areas[0].Geocodes.Select(g => g.Value));
        var points = CapGeometry.Points(nl.Areas[0].Polygons[0])!;
        Assert.Equal((52.30, 4.45), points[0]);
        Assert.Equal(7, points.Count);
        Assert.Empty(CapValidator.Validate(alert));
    }

    [Fact]
    public void Latin1_input_is_read_with_its_characters()
    {
        var alert = CapReader.Read(Fixtures.Cap("latin1-proef.xml"));
        Assert.Equal("VR15-2026-café", alert.Identifier);
        Assert.Equal("Ruïne aan de Oude Delft; één melding.", alert.Infos[0].Description);
        Assert.Contains("Ruïne", Encoding.UTF8.GetString(CapWriter.Write(alert)), StringComparison.Ordinal);
    }

    [Fact]
    public void Cap_1_0_pairs_as_text_and_its_password_are_read_and_written_back()
    {
        var alert = CapReader.Read(Fixtures.Cap("cap10-wachtwoord.xml"));
        Assert.Equal(CapNamespaces.Cap10, alert.Namespace);
        Assert.Equal("geheim", alert.Password);
        Assert.Equal(("RWS_WEG", "A13"), (alert.Infos[0].EventCodes[0].ValueName, alert.Infos[0].EventCodes[0].Value));
        Assert.Equal("A13 Re 7,6", alert.Infos[0].Areas[0].Geocodes[0].Value);
        Assert.Contains("<eventCode>RWS_WEG=A13</eventCode>", Encoding.UTF8.GetString(CapWriter.Write(alert)), StringComparison.Ordinal);
    }

    [Fact]
    public void An_alert_made_in_code_is_written_in_schema_order_with_caps_date_form()
    {
        var alert = new CapAlert
        {
            Identifier = "VR15-1",
            Sender = "urn:nld:oin:00000004000000042000",
            Sent = CapDateTime.From(new DateTimeOffset(2026, 11, 20, 20, 55, 0, 123, TimeSpan.Zero)),
            Status = "Actual",
            MsgType = "Alert",
            Scope = "Public",
        };
        var info = new CapInfo { Event = "Brand", Urgency = "Immediate", Severity = "Severe", Certainty = "Observed", Language = "nl-NL" };
        info.Categories.Add("Fire");
        var area = new CapArea { AreaDesc = "Delft" };
        area.Circles.Add(CapGeometry.CircleText(52.0049, 4.3705, 1.5));
        info.Areas.Add(area);
        alert.Infos.Add(info);

        var xml = Encoding.UTF8.GetString(CapWriter.Write(alert));
        Assert.Contains("<sent>2026-11-20T20:55:00-00:00</sent>", xml, StringComparison.Ordinal);
        Assert.True(xml.IndexOf("<identifier>", StringComparison.Ordinal) < xml.IndexOf("<sender>", StringComparison.Ordinal));
        Assert.True(xml.IndexOf("<language>", StringComparison.Ordinal) < xml.IndexOf("<category>", StringComparison.Ordinal));
        Assert.Contains("<circle>52.0049,4.3705 1.5</circle>", xml, StringComparison.Ordinal);
        var again = CapReader.Read(Encoding.UTF8.GetBytes(xml));
        Assert.Empty(CapValidator.Validate(again));
        Assert.Equal("2026-11-20T22:55:00+02:00", CapDateTime.From(new DateTimeOffset(2026, 11, 20, 22, 55, 0, TimeSpan.FromHours(2))).Text);
    }

    [Fact]
    public void An_enveloped_signature_is_kept_and_still_verifies_and_a_change_breaks_it()
    {
        using var key = RSA.Create(2048);
        var signed = Sign(Fixtures.Cap("nl-alert-brand.xml"), key);
        Assert.True(Verify(signed, key));

        var alert = CapReader.Read(signed);
        Assert.Single(alert.Extensions);
        Assert.Contains("Signature", alert.Extensions[0], StringComparison.Ordinal);
        var written = CapWriter.Write(alert);
        Assert.True(Verify(written, key));

        alert.Infos[0].Headline = "NL-Alert: gewijzigd";
        Assert.False(Verify(CapWriter.Write(alert), key));
    }

    [Theory]
    [InlineData("<?xml version=\"1.0\"?><!DOCTYPE alert [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\"><identifier>&xxe;</identifier></alert>", "CAP-XML-002")]
    [InlineData("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;\">]><alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\"><note>&lol2;</note></alert>", "CAP-XML-002")]
    [InlineData("<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\"><identifier>a</identifier>", "CAP-XML-001")]
    [InlineData("<melding xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\"/>", "CAP-XML-004")]
    [InlineData("<alert xmlns=\"urn:example\"/>", "CAP-XML-004")]
    [InlineData("<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\">tekst<identifier>a</identifier></alert>", "CAP-XML-005")]
    [InlineData("<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\"><identifier><b>a</b></identifier></alert>", "CAP-XML-005")]
    public void Bad_input_is_refused_with_a_code_and_a_place(string xml, string code)
    {
        var error = Assert.Throws<CapReadException>(() => CapReader.Read(Encoding.UTF8.GetBytes(xml)));
        Assert.Equal(code, error.Code);
        Assert.True(error.Line >= 1 || code == "CAP-XML-003", error.Message);
    }

    [Fact]
    public void Bytes_in_an_encoding_the_reader_cannot_decode_are_refused_with_a_code_not_an_xml_exception()
    {
        // A UCS-4 byte order mark in the unusual 3412 order, followed by UTF-8 text: the encoding detection fails at once.
        var bytes = new byte[] { 0x00, 0x00, 0xFF, 0xFE }.Concat(Encoding.UTF8.GetBytes("<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\"/>")).ToArray();
        var error = Assert.Throws<CapReadException>(() => CapReader.Read(bytes));
        Assert.Equal("CAP-XML-001", error.Code);
        Assert.Equal(1, error.Line);
    }

    [Fact]
    public void Size_and_depth_are_bounded()
    {
        var large = Fixtures.Cap("knmi-storm-oranje.xml");
        Assert.Equal("CAP-XML-003", Assert.Throws<CapReadException>(() => CapReader.Read(large, new CapReaderOptions { MaxBytes = 1000 })).Code);
        var deep = "<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\"><info>" + string.Concat(Enumerable.Repeat("<x:a xmlns:x=\"urn:x\">", 50)) + string.Concat(Enumerable.Repeat("</x:a>", 50)) + "</info></alert>";
        var alert = CapReader.Read(Encoding.UTF8.GetBytes(deep), new CapReaderOptions { MaxDepth = 64 });
        Assert.Single(alert.Infos[0].Extensions);
        Assert.Equal("CAP-XML-003", Assert.Throws<CapReadException>(() => CapReader.Read(Encoding.UTF8.GetBytes(deep.Replace("<info>", "<info><area>", StringComparison.Ordinal).Replace("</info>", "</area></info>", StringComparison.Ordinal)), new CapReaderOptions { MaxDepth = 3 })).Code);
    }

    private static byte[] Sign(byte[] xml, RSA key)
    {
        var document = new XmlDocument { PreserveWhitespace = true };
        document.Load(new MemoryStream(xml));
        var signed = new SignedXml(document) { SigningKey = key };
        var reference = new Reference { Uri = "" };
        reference.AddTransform(new XmlDsigEnvelopedSignatureTransform());
        reference.AddTransform(new XmlDsigC14NTransform());
        signed.AddReference(reference);
        signed.SignedInfo!.CanonicalizationMethod = SignedXml.XmlDsigC14NTransformUrl;
        signed.ComputeSignature();
        document.DocumentElement!.AppendChild(document.ImportNode(signed.GetXml(), true));
        using var output = new MemoryStream();
        document.Save(output);
        return output.ToArray();
    }

    private static bool Verify(byte[] xml, RSA key)
    {
        var document = new XmlDocument { PreserveWhitespace = true };
        document.Load(new MemoryStream(xml));
        var signature = document.GetElementsByTagName("Signature", CapNamespaces.XmlDsig);
        var signed = new SignedXml(document);
        signed.LoadXml((XmlElement)signature[0]!);
        return signed.CheckSignature(key);
    }
}
