using System.Text;
using System.Text.Json.Nodes;
using System.Xml;
using System.Xml.Linq;

namespace Vr.Standaarden.Interop.Edxl;

/// <summary>An EDXL-DE distribution: the envelope and its content objects.</summary>
public sealed class EdxlDistribution
{
    /// <summary>EDXL-DE 2.0's namespace.</summary>
    public const string Namespace20 = "urn:oasis:names:tc:emergency:EDXL:DE:2.0";

    /// <summary>EDXL-DE 1.0's namespace.</summary>
    public const string Namespace10 = "urn:oasis:names:tc:emergency:EDXL:DE:1.0";

    /// <summary>The version read: <c>2.0</c> or <c>1.0</c>; written as 2.0.</summary>
    public string Version { get; set; } = "2.0";

    /// <summary><c>DistributionID</c>.</summary>
    public string DistributionId { get; set; } = "";

    /// <summary><c>SenderID</c>.</summary>
    public string SenderId { get; set; } = "";

    /// <summary><c>DateTimeSent</c>, as written.</summary>
    public string DateTimeSent { get; set; } = "";

    /// <summary><c>DateTimeExpires</c> (required in 2.0, absent in 1.0).</summary>
    public string? DateTimeExpires { get; set; }

    /// <summary><c>DistributionStatus</c>: Actual, Exercise, System, Test.</summary>
    public string DistributionStatus { get; set; } = "Actual";

    /// <summary><c>DistributionKind</c> (1.0: <c>distributionType</c>): Report, Update, Cancel, Request, Response, Dispatch, Ack, Error, …</summary>
    public string DistributionKind { get; set; } = "Report";

    /// <summary><c>CombinedConfidentiality</c>.</summary>
    public string? CombinedConfidentiality { get; set; }

    /// <summary><c>Language</c>.</summary>
    public string? Language { get; set; }

    /// <summary><c>DistributionReference</c>: <c>DistributionID,SenderID,DateTimeSent</c> of earlier distributions.</summary>
    public IList<string> References { get; } = new List<string>();

    /// <summary><c>ExplicitAddress</c>: scheme and value.</summary>
    public IList<(string Scheme, string Value)> ExplicitAddresses { get; } = new List<(string, string)>();

    /// <summary>The content objects.</summary>
    public IList<EdxlContent> Contents { get; } = new List<EdxlContent>();
}

/// <summary>One <c>ContentObject</c>.</summary>
public sealed class EdxlContent
{
    /// <summary><c>ContentDescription</c>.</summary>
    public string? Description { get; set; }

    /// <summary><c>IncidentID</c>.</summary>
    public string? IncidentId { get; set; }

    /// <summary><c>Confidentiality</c> of this object.</summary>
    public string? Confidentiality { get; set; }

    /// <summary>The element inside <c>EmbeddedXMLContent</c>, as XML (a CAP alert, …).</summary>
    public string? EmbeddedXml { get; set; }

    /// <summary><c>NonXMLContent/MIMEType</c>.</summary>
    public string? MimeType { get; set; }

    /// <summary><c>NonXMLContent/URI</c>.</summary>
    public string? Uri { get; set; }

    /// <summary><c>NonXMLContent/ContentData</c>: the content in base64.</summary>
    public string? ContentData { get; set; }

    /// <summary>Whether the embedded XML is a CAP alert (of any CAP version).</summary>
    public bool IsCap => EmbeddedXml is { } xml && (xml.Contains("urn:oasis:names:tc:emergency:cap:", StringComparison.Ordinal) || xml.Contains("http://www.incident.com/cap/1.0", StringComparison.Ordinal));
}

/// <summary>Why bytes could not be read as an EDXL-DE distribution, and where.</summary>
public sealed class EdxlReadException : FormatException
{
    /// <summary>A problem at <paramref name="line"/>:<paramref name="column"/>.</summary>
    public EdxlReadException(string message, int line, int column)
        : base(line > 0 ? $"{line}:{column}: {message}" : message)
    {
        Line = line;
        Column = column;
    }

    /// <summary>The line (1-based), or 0.</summary>
    public int Line { get; }

    /// <summary>The column (1-based), or 0.</summary>
    public int Column { get; }
}

/// <summary>Reads EDXL-DE 2.0 and 1.0 (DTDs refused, size bounded) and writes 2.0.</summary>
public static class EdxlReader
{
    /// <summary>Reads a distribution from <paramref name="xml"/> of at most <paramref name="maxBytes"/> bytes (16 MiB by default).</summary>
    /// <exception cref="EdxlReadException">Not well-formed, a DTD, too large, or not EDXL-DE.</exception>
    public static EdxlDistribution Read(ReadOnlySpan<byte> xml, long maxBytes = 16 * 1024 * 1024)
    {
        if (xml.Length > maxBytes)
        {
            throw new EdxlReadException($"The document has {xml.Length} bytes, more than the limit of {maxBytes}.", 0, 0);
        }

        XElement root;
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(xml.ToArray()), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersInDocument = maxBytes, IgnoreComments = true });
            root = XElement.Load(reader, LoadOptions.SetLineInfo);
        }
        catch (XmlException e)
        {
            throw new EdxlReadException(e.Message.Contains("DTD", StringComparison.Ordinal) ? $"DTDs and entities are refused: {e.Message}" : e.Message, e.LineNumber, e.LinePosition);
        }

        var ns = root.Name.NamespaceName;
        if (root.Name.LocalName != "EDXLDistribution" || (ns != EdxlDistribution.Namespace20 && ns != EdxlDistribution.Namespace10))
        {
            var info = (IXmlLineInfo)root;
            throw new EdxlReadException($"The root element is {{{ns}}}{root.Name.LocalName}, not EDXLDistribution of EDXL-DE 2.0 or 1.0.", info.LineNumber, info.LinePosition);
        }

        var distribution = new EdxlDistribution
        {
            Version = ns == EdxlDistribution.Namespace20 ? "2.0" : "1.0",
            DistributionId = Text(root, "DistributionID") ?? Missing(root, "DistributionID"),
            SenderId = Text(root, "SenderID") ?? Missing(root, "SenderID"),
            DateTimeSent = Text(root, "DateTimeSent") ?? Missing(root, "DateTimeSent"),
            DateTimeExpires = Text(root, "DateTimeExpires"),
            DistributionStatus = Text(root, "DistributionStatus") ?? Missing(root, "DistributionStatus"),
            DistributionKind = Text(root, "DistributionKind") ?? Text(root, "DistributionType") ?? Missing(root, "DistributionKind"),
            CombinedConfidentiality = Text(root, "CombinedConfidentiality"),
            Language = Text(root, "Language"),
        };
        foreach (var reference in Children(root, "DistributionReference"))
        {
            distribution.References.Add(reference.Value.Trim());
        }

        foreach (var address in Children(root, "ExplicitAddress"))
        {
            distribution.ExplicitAddresses.Add((Text(address, "ExplicitAddressScheme") ?? "", Text(address, "ExplicitAddressValue") ?? ""));
        }

        var contentObjects = Children(root, "ContentObject").Concat(Children(root, "Content").SelectMany(c => Children(c, "ContentObject")));
        foreach (var content in contentObjects)
        {
            var descriptor = Children(content, "ContentDescriptor").FirstOrDefault() ?? content;
            var xmlContent = Children(content, "XMLContent").FirstOrDefault();
            var embedded = xmlContent is null ? null : Children(xmlContent, "EmbeddedXMLContent").FirstOrDefault()?.Elements().FirstOrDefault();
            var nonXml = Children(content, "NonXMLContent").FirstOrDefault();
            distribution.Contents.Add(new EdxlContent
            {
                Description = Text(descriptor, "ContentDescription"),
                IncidentId = Text(descriptor, "IncidentID"),
                Confidentiality = Text(descriptor, "Confidentiality"),
                EmbeddedXml = embedded?.ToString(SaveOptions.DisableFormatting),
                MimeType = nonXml is null ? null : Text(nonXml, "MIMEType"),
                Uri = nonXml is null ? null : Text(nonXml, "URI"),
                ContentData = nonXml is null ? null : Text(nonXml, "ContentData"),
            });
        }

        return distribution;
    }

    /// <summary>The distribution as EDXL-DE 2.0 XML (UTF-8).</summary>
    public static byte[] Write(EdxlDistribution distribution)
    {
        ArgumentNullException.ThrowIfNull(distribution);
        XNamespace de = EdxlDistribution.Namespace20;
        var root = new XElement(de + "EDXLDistribution",
            new XElement(de + "DistributionID", distribution.DistributionId),
            new XElement(de + "SenderID", distribution.SenderId),
            new XElement(de + "DateTimeSent", distribution.DateTimeSent),
            new XElement(de + "DateTimeExpires", distribution.DateTimeExpires ?? distribution.DateTimeSent),
            new XElement(de + "DistributionStatus", new XElement(de + "StatusKindDefault", distribution.DistributionStatus)),
            new XElement(de + "DistributionKind", new XElement(de + "DistributionKindDefault", distribution.DistributionKind)),
            distribution.CombinedConfidentiality is { } confidentiality ? new XElement(de + "CombinedConfidentiality", confidentiality) : null,
            distribution.Language is { } language ? new XElement(de + "Language", language) : null,
            distribution.References.Select(r => new XElement(de + "DistributionReference", r)),
            distribution.ExplicitAddresses.Select(a => new XElement(de + "ExplicitAddress", new XElement(de + "ExplicitAddressScheme", a.Scheme), new XElement(de + "ExplicitAddressValue", a.Value))),
            distribution.Contents.Count == 0 ? null : new XElement(de + "Content", distribution.Contents.Select(c => new XElement(de + "ContentObject",
                c.Description is null && c.IncidentId is null && c.Confidentiality is null ? null : new XElement(de + "ContentDescriptor",
                    c.Description is null ? null : new XElement(de + "ContentDescription", c.Description),
                    c.IncidentId is null ? null : new XElement(de + "IncidentID", c.IncidentId),
                    c.Confidentiality is null ? null : new XElement(de + "Confidentiality", c.Confidentiality)),
                c.EmbeddedXml is { } xml ? new XElement(de + "XMLContent", new XElement(de + "EmbeddedXMLContent", XElement.Parse(xml, LoadOptions.PreserveWhitespace))) : null,
                c.EmbeddedXml is null ? new XElement(de + "NonXMLContent",
                    new XElement(de + "MIMEType", c.MimeType ?? "application/octet-stream"),
                    c.Uri is null ? null : new XElement(de + "URI", c.Uri),
                    c.ContentData is null ? null : new XElement(de + "ContentData", c.ContentData)) : null))));
        using var buffer = new MemoryStream();
        using (var writer = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true }))
        {
            new XDocument(root).Save(writer);
        }

        return buffer.ToArray();
    }

    private static IEnumerable<XElement> Children(XElement parent, string name) =>
        parent.Elements().Where(e => e.Name.LocalName.Equals(name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The text of a child: its own text, or (2.0 value lists and defaults) the text of its first element.</summary>
    private static string? Text(XElement parent, string name)
    {
        var element = Children(parent, name).FirstOrDefault();
        if (element is null)
        {
            return null;
        }

        return Value(element);
    }

    /// <summary>An element's text; through value lists (<c>ValueListURI</c> + <c>Value</c>) and defaults (<c>StatusKindDefault</c>) to the value.</summary>
    private static string? Value(XElement element)
    {
        if (!element.HasElements)
        {
            return element.Value.Trim();
        }

        var value = element.Elements().FirstOrDefault(e => e.Name.LocalName == "Value");
        if (value is not null)
        {
            return value.Value.Trim();
        }

        var inner = element.Elements().FirstOrDefault(e => e.Name.LocalName is not "ValueListURI" and not "ValueListUrn");
        return inner is null ? null : Value(inner);
    }

    private static string Missing(XElement root, string name)
    {
        var info = (IXmlLineInfo)root;
        throw new EdxlReadException($"{name} is required in an EDXL-DE distribution.", info.LineNumber, info.LinePosition);
    }
}

/// <summary>A distribution that cannot be mapped, with the reason.</summary>
public sealed class EdxlMappingException : FormatException
{
    /// <summary>A mapping problem.</summary>
    public EdxlMappingException(string message)
        : base(message)
    {
    }
}

/// <summary>
/// Between EDXL-DE's distribution envelope and the standard's envelope. Confidentiality is mapped by a fixed table,
/// never guessed (anything else is refused):
/// <list type="table">
/// <listheader><term>CombinedConfidentiality</term><description>tlp / rubricering</description></listheader>
/// <item><term><c>UNCLASSIFIED AND NOT SENSITIVE</c> (EDXL-DE 1.0's default)</term><description>TLP:CLEAR</description></item>
/// <item><term><c>TLP:CLEAR</c>, <c>TLP:GREEN</c>, <c>TLP:AMBER</c>, <c>TLP:AMBER+STRICT</c>, <c>TLP:RED</c></term><description>that label</description></item>
/// <item><term>a label followed by <c>DEP-V</c>, <c>STG-C</c>, <c>STG-G</c> or <c>STG-ZG</c> (<c>TLP:AMBER STG-C</c>)</term><description>the label, and that rubricering</description></item>
/// <item><term>absent</term><description>the <c>defaultTlp</c> given, or refused</description></item>
/// </list>
/// The other way, <c>tlp</c> and <c>rubricering</c> are written as <c>TLP:AMBER STG-C</c>. Status and kind travel as the
/// extension attributes <c>edxlstatus</c> and <c>edxlkind</c> (a CloudEvent has neither); <c>id</c> is DistributionID,
/// <c>time</c> DateTimeSent, <c>expirytime</c> DateTimeExpires.
/// </summary>
public static class EdxlMapping
{
    private static readonly string[] Labels = ["TLP:CLEAR", "TLP:GREEN", "TLP:AMBER", "TLP:AMBER+STRICT", "TLP:RED"];
    private static readonly string[] Markings = ["DEP-V", "STG-C", "STG-G", "STG-ZG"];

    /// <summary>The envelope attributes (without <c>data</c>) of <paramref name="distribution"/>.</summary>
    /// <exception cref="EdxlMappingException">A confidentiality outside the table, or none and no <paramref name="defaultTlp"/>.</exception>
    public static JsonObject ToEnvelope(EdxlDistribution distribution, string source, string? defaultTlp = null)
    {
        ArgumentNullException.ThrowIfNull(distribution);
        ArgumentNullException.ThrowIfNull(source);
        var (tlp, rubricering) = Confidentiality(distribution.CombinedConfidentiality, defaultTlp);
        var envelope = new JsonObject
        {
            ["id"] = distribution.DistributionId,
            ["source"] = source,
            ["time"] = Utc(distribution.DateTimeSent),
            ["tlp"] = tlp,
        };
        if (rubricering is not null)
        {
            envelope["rubricering"] = rubricering;
        }

        if (distribution.DateTimeExpires is { } expires)
        {
            envelope["expirytime"] = Utc(expires);
        }

        envelope["edxlstatus"] = distribution.DistributionStatus;
        envelope["edxlkind"] = distribution.DistributionKind;
        return envelope;
    }

    /// <summary>A distribution for messages of the standard: id, source, times, confidentiality from the first message's envelope; each message as a content object (<c>application/cloudevents+json</c>).</summary>
    public static EdxlDistribution FromMessages(IReadOnlyList<JsonObject> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        if (messages.Count == 0)
        {
            throw new EdxlMappingException("No messages to distribute.");
        }

        var first = messages[0];
        var distribution = new EdxlDistribution
        {
            DistributionId = (string?)first["id"] ?? "",
            SenderId = (string?)first["source"] ?? "",
            DateTimeSent = (string?)first["time"] ?? "",
            DateTimeExpires = (string?)first["expirytime"],
            DistributionStatus = (string?)first["edxlstatus"] ?? "Actual",
            DistributionKind = (string?)first["edxlkind"] ?? (first["causationid"] is null ? "Report" : "Update"),
            CombinedConfidentiality = $"{(string?)first["tlp"]}{((string?)first["rubricering"] is { } r && r != "geen" ? " " + r : "")}",
        };
        foreach (var message in messages)
        {
            distribution.Contents.Add(new EdxlContent
            {
                Description = (string?)message["type"],
                IncidentId = (string?)message["correlationid"],
                MimeType = "application/cloudevents+json",
                ContentData = Convert.ToBase64String(Encoding.UTF8.GetBytes(message.ToJsonString())),
            });
        }

        return distribution;
    }

    /// <summary>The TLP label and rubricering of a confidentiality text, by the table.</summary>
    public static (string Tlp, string? Rubricering) Confidentiality(string? text, string? defaultTlp = null)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return defaultTlp is not null ? (defaultTlp, null) : throw new EdxlMappingException("The distribution states no confidentiality; give the TLP label to use (never guessed).");
        }

        var value = text.Trim();
        if (value.Equals("UNCLASSIFIED AND NOT SENSITIVE", StringComparison.OrdinalIgnoreCase))
        {
            return ("TLP:CLEAR", null);
        }

        var parts = value.Split([' ', ';', ','], StringSplitOptions.RemoveEmptyEntries);
        var label = parts.FirstOrDefault(p => Labels.Contains(p.ToUpperInvariant()))?.ToUpperInvariant();
        var marking = parts.FirstOrDefault(p => Markings.Contains(p.ToUpperInvariant()))?.ToUpperInvariant();
        if (label is null || parts.Length > (marking is null ? 1 : 2))
        {
            throw new EdxlMappingException($"The confidentiality '{value}' is not in the mapping table (UNCLASSIFIED AND NOT SENSITIVE, a TLP 2.0 label, optionally with DEP-V, STG-C, STG-G or STG-ZG).");
        }

        return (label, marking);
    }

    private static string Utc(string time) =>
        time.EndsWith("-00:00", StringComparison.Ordinal) || time.EndsWith("+00:00", StringComparison.Ordinal) ? time[..^6] + "Z" : time;
}
