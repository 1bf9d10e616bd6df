using System.Text;
using System.Xml;

namespace Vr.Standaarden.Interop.Cap;

/// <summary>Bounds on what <see cref="CapReader"/> reads.</summary>
public sealed class CapReaderOptions
{
    /// <summary>The largest document, in bytes; 4 MiB by default.</summary>
    public long MaxBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>The deepest nesting of elements; 32 by default (an alert needs 5, an enveloped signature 8).</summary>
    public int MaxDepth { get; set; } = 32;
}

/// <summary>Why bytes could not be read as a CAP alert, and where.</summary>
public sealed class CapReadException : FormatException
{
    /// <summary>A problem <paramref name="code"/> at <paramref name="line"/>:<paramref name="column"/>.</summary>
    public CapReadException(string code, string message, int line, int column)
        : base(line > 0 ? $"{code} at {line}:{column}: {message}" : $"{code}: {message}")
    {
        Code = code;
        Line = line;
        Column = column;
    }

    /// <summary>
    /// <c>CAP-XML-001</c> not well-formed; <c>-002</c> a DTD or entity (refused, never expanded); <c>-003</c> too large
    /// or too deep; <c>-004</c> not a CAP alert (root element or namespace); <c>-005</c> text or markup where CAP
    /// has none.
    /// </summary>
    public string Code { get; }

    /// <summary>The line (1-based), or 0 when unknown.</summary>
    public int Line { get; }

    /// <summary>The column (1-based), or 0 when unknown.</summary>
    public int Column { get; }
}

/// <summary>
/// Reads CAP 1.2, 1.1 and 1.0 alerts with <see cref="XmlReader"/>: DTDs are refused (so no entity is ever expanded and
/// nothing external is fetched), size and depth are bounded, the encoding comes from the document (UTF-8, UTF-16,
/// ISO-8859-1). Elements of other namespaces are kept as XML in place, and the layout (the whitespace between
/// elements) is remembered, so <see cref="CapWriter"/> gives back the same infoset and an enveloped signature still
/// verifies. Reading checks well-formedness only; <see cref="CapValidator"/> checks the rest.
/// </summary>
public static class CapReader
{
    /// <summary>Reads an alert from <paramref name="xml"/>.</summary>
    /// <exception cref="CapReadException">The bytes are not a well-formed CAP alert within the bounds.</exception>
    public static CapAlert Read(ReadOnlyMemory<byte> xml, CapReaderOptions? options = null)
    {
        options ??= new CapReaderOptions();
        if (xml.Length > options.MaxBytes)
        {
            throw new CapReadException("CAP-XML-003", $"The document has {xml.Length} bytes, more than the limit of {options.MaxBytes}.", 0, 0);
        }

        using var stream = System.Runtime.InteropServices.MemoryMarshal.TryGetArray(xml, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(xml.ToArray(), writable: false);
        return Read(stream, options);
    }

    /// <summary>Reads an alert from <paramref name="stream"/>.</summary>
    /// <exception cref="CapReadException">The bytes are not a well-formed CAP alert within the bounds.</exception>
    public static CapAlert Read(Stream stream, CapReaderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        options ??= new CapReaderOptions();
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = options.MaxBytes,
            MaxCharactersFromEntities = 0,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            IgnoreWhitespace = false,
            CloseInput = false,
        };
        XmlReader? reader = null;
        try
        {
            // Creating the reader already reads the first bytes (encoding detection), so it throws inside the try too.
            reader = XmlReader.Create(stream, settings);
            var state = new State(reader, options.MaxDepth);
            try
            {
                reader.MoveToContent();
            }
            catch (ArgumentOutOfRangeException e)
            {
                // System.Xml fails this way on some malformed declarations while switching to the encoding they name.
                throw new CapReadException("CAP-XML-001", $"The XML declaration cannot be read: {e.Message}", 1, 1);
            }

            if (reader.NodeType != XmlNodeType.Element || reader.LocalName != "alert" || !CapNamespaces.IsCap(reader.NamespaceURI))
            {
                throw state.Error("CAP-XML-004", $"The root element is {{{reader.NamespaceURI}}}{reader.LocalName}, not a CAP alert (alert in {CapNamespaces.Cap12}, {CapNamespaces.Cap11} or {CapNamespaces.Cap10}).");
            }

            var alert = new CapAlert { Namespace = reader.NamespaceURI };
            state.ReadAlert(alert);
            while (reader.Read())
            {
                if (reader.NodeType is XmlNodeType.Element or XmlNodeType.Text or XmlNodeType.CDATA)
                {
                    throw state.Error("CAP-XML-001", "Content after the alert.");
                }
            }

            return alert;
        }
        catch (XmlException e)
        {
            var dtd = e.Message.Contains("DTD", StringComparison.OrdinalIgnoreCase) || e.Message.Contains("entity", StringComparison.OrdinalIgnoreCase);
            var limit = e.Message.Contains("MaxCharacters", StringComparison.OrdinalIgnoreCase) || e.Message.Contains("exceeds", StringComparison.OrdinalIgnoreCase);
            var (line, column) = e.LineNumber > 0 ? (e.LineNumber, e.LinePosition) : ((reader as IXmlLineInfo)?.LineNumber ?? 0, (reader as IXmlLineInfo)?.LinePosition ?? 0);
            throw new CapReadException(dtd ? "CAP-XML-002" : limit ? "CAP-XML-003" : "CAP-XML-001", dtd ? $"DTDs and entities are refused: {e.Message}" : e.Message, Math.Max(line, 1), Math.Max(column, 1));
        }
        finally
        {
            reader?.Dispose();
        }
    }

    private sealed class State(XmlReader reader, int maxDepth)
    {
        private readonly IXmlLineInfo? _lines = reader as IXmlLineInfo;
        private string _ns = "";

        public CapReadException Error(string code, string message) =>
            new(code, message, _lines?.LineNumber ?? 0, _lines?.LinePosition ?? 0);

        public void ReadAlert(CapAlert alert)
        {
            _ns = reader.NamespaceURI;
            Mark(alert);
            var layout = new Layout { Prefix = reader.Prefix };
            if (reader.MoveToFirstAttribute())
            {
                do
                {
                    layout.Attributes.Add((reader.Prefix, reader.LocalName, reader.NamespaceURI, reader.Value));
                }
                while (reader.MoveToNextAttribute());
                reader.MoveToElement();
            }

            Children(alert, layout, name =>
            {
                switch (name)
                {
                    case "identifier": alert.Identifier = Text(); return true;
                    case "sender": alert.Sender = Text(); return true;
                    case "password": alert.Password = Text(); return true;
                    case "sent": alert.Sent = CapDateTime.Parse(Text()); return true;
                    case "status": alert.Status = Text(); return true;
                    case "msgType": alert.MsgType = Text(); return true;
                    case "source": alert.Source = Text(); return true;
                    case "scope": alert.Scope = Text(); return true;
                    case "restriction": alert.Restriction = Text(); return true;
                    case "addresses": alert.Addresses = Text(); return true;
                    case "code": alert.Codes.Add(Text()); return true;
                    case "note": alert.Note = Text(); return true;
                    case "references": alert.References = Text(); return true;
                    case "incidents": alert.Incidents = Text(); return true;
                    case "info": alert.Infos.Add(ReadInfo()); return true;
                    default: return false;
                }
            });
        }

        private CapInfo ReadInfo()
        {
            var info = Mark(new CapInfo());
            Children(info, new Layout(), name =>
            {
                switch (name)
                {
                    case "language": info.Language = Text(); return true;
                    case "category": info.Categories.Add(Text()); return true;
                    case "event": info.Event = Text(); return true;
                    case "responseType": info.ResponseTypes.Add(Text()); return true;
                    case "urgency": info.Urgency = Text(); return true;
                    case "severity": info.Severity = Text(); return true;
                    case "certainty": info.Certainty = Text(); return true;
                    case "audience": info.Audience = Text(); return true;
                    case "eventCode": info.EventCodes.Add(Pair()); return true;
                    case "effective": info.Effective = CapDateTime.Parse(Text()); return true;
                    case "onset": info.Onset = CapDateTime.Parse(Text()); return true;
                    case "expires": info.Expires = CapDateTime.Parse(Text()); return true;
                    case "senderName": info.SenderName = Text(); return true;
                    case "headline": info.Headline = Text(); return true;
                    case "description": info.Description = Text(); return true;
                    case "instruction": info.Instruction = Text(); return true;
                    case "web": info.Web = Text(); return true;
                    case "contact": info.Contact = Text(); return true;
                    case "parameter": info.Parameters.Add(Pair()); return true;
                    case "resource": info.Resources.Add(ReadResource()); return true;
                    case "area": info.Areas.Add(ReadArea()); return true;
                    default: return false;
                }
            });
            return info;
        }

        private CapResource ReadResource()
        {
            var resource = Mark(new CapResource());
            Children(resource, new Layout(), name =>
            {
                switch (name)
                {
                    case "resourceDesc": resource.ResourceDesc = Text(); return true;
                    case "mimeType": resource.MimeType = Text(); return true;
                    case "size": resource.Size = Text(); return true;
                    case "uri": resource.Uri = Text(); return true;
                    case "derefUri": resource.DerefUri = Text(); return true;
                    case "digest": resource.Digest = Text(); return true;
                    default: return false;
                }
            });
            return resource;
        }

        private CapArea ReadArea()
        {
            var area = Mark(new CapArea());
            Children(area, new Layout(), name =>
            {
                switch (name)
                {
                    case "areaDesc": area.AreaDesc = Text(); return true;
                    case "polygon": area.Polygons.Add(Text()); return true;
                    case "circle": area.Circles.Add(Text()); return true;
                    case "geocode": area.Geocodes.Add(Pair()); return true;
                    case "altitude": area.Altitude = Text(); return true;
                    case "ceiling": area.Ceiling = Text(); return true;
                    default: return false;
                }
            });
            return area;
        }

        private CapValue Pair()
        {
            var (line, column) = Position();
            var pair = new CapValue("", "") { Line = line, Column = column };
            var text = new StringBuilder();
            var elements = Children(pair, new Layout(), name =>
            {
                switch (name)
                {
                    case "valueName": pair.ValueName = Text(); return true;
                    case "value": pair.Value = Text(); return true;
                    default: return false;
                }
            }, text);
            if (!elements)
            {
                // CAP 1.0: valueName=value as text.
                var all = text.ToString();
                var split = all.IndexOf('=', StringComparison.Ordinal);
                (pair.ValueName, pair.Value, pair.AsText) = (split < 0 ? all : all[..split], split < 0 ? "" : all[(split + 1)..], true);
                pair.Layout = null;
            }

            return pair;
        }

        private T Mark<T>(T element)
            where T : CapElement
        {
            (element.Line, element.Column) = Position();
            return element;
        }

        private (int Line, int Column) Position() => (_lines?.LineNumber ?? 0, _lines?.LinePosition ?? 0);

        private string Text()
        {
            if (reader.Depth > maxDepth)
            {
                throw Error("CAP-XML-003", $"The elements nest deeper than {maxDepth}.");
            }

            var name = reader.LocalName;
            if (reader.IsEmptyElement)
            {
                reader.Read();
                return "";
            }

            reader.Read();
            var value = "";
            StringBuilder? longer = null;
            while (true)
            {
                switch (reader.NodeType)
                {
                    case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace:
                        if (longer is null && value.Length == 0)
                        {
                            value = reader.Value;
                        }
                        else
                        {
                            (longer ??= new StringBuilder(value)).Append(reader.Value);
                        }

                        reader.Read();
                        break;
                    case XmlNodeType.EndElement:
                        reader.Read();
                        return longer?.ToString() ?? value;
                    case XmlNodeType.Element:
                        throw Error("CAP-XML-005", $"'{name}' holds elements where CAP has text.");
                    case XmlNodeType.None:
                        throw Error("CAP-XML-001", "The document ends inside an element.");
                    default:
                        reader.Read();
                        break;
                }
            }
        }

        /// <summary>Reads the children of the current element into <paramref name="owner"/>; <c>true</c> when it had any element.</summary>
        private bool Children(CapElement owner, Layout layout, Func<string, bool> known, StringBuilder? text = null)
        {
            owner.Layout = layout;
            if (reader.Depth > maxDepth)
            {
                throw Error("CAP-XML-003", $"The elements nest deeper than {maxDepth}.");
            }

            if (reader.IsEmptyElement)
            {
                reader.Read();
                return false;
            }

            reader.Read();
            var pending = "";
            var any = false;
            while (true)
            {
                switch (reader.NodeType)
                {
                    case XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace:
                        pending = pending.Length == 0 ? reader.Value : pending + reader.Value;
                        text?.Append(reader.Value);
                        reader.Read();
                        break;
                    case XmlNodeType.Text or XmlNodeType.CDATA:
                        if (text is null || any)
                        {
                            throw Error("CAP-XML-005", $"Text '{Shorten(reader.Value)}' where CAP has only elements.");
                        }

                        text.Append(reader.Value);
                        reader.Read();
                        break;
                    case XmlNodeType.EndElement:
                        layout.Trailing = pending;
                        reader.Read();
                        return any;
                    case XmlNodeType.Element:
                        if (text is { Length: > 0 } && text.ToString().Trim().Length > 0)
                        {
                            throw Error("CAP-XML-005", "Text and elements mixed where CAP has either.");
                        }

                        any = true;
                        var (line, column) = Position();
                        var leading = pending;
                        pending = "";
                        string name;
                        var local = reader.LocalName;
                        if (reader.NamespaceURI == _ns && known(local))
                        {
                            name = local;
                        }
                        else
                        {
                            owner.Extensions.Add(Raw());
                            name = "#ext";
                        }

                        layout.Slots.Add(new Slot(name, leading, line, column));
                        break;
                    case XmlNodeType.None:
                        throw Error("CAP-XML-001", "The document ends inside an element.");
                    default:
                        reader.Read();
                        break;
                }
            }
        }

        /// <summary>The current element and its content as XML, node by node so the depth bound holds inside it too.</summary>
        private string Raw()
        {
            var text = new StringBuilder();
            using (var writer = XmlWriter.Create(text, new XmlWriterSettings { OmitXmlDeclaration = true, ConformanceLevel = ConformanceLevel.Fragment, NewLineHandling = NewLineHandling.None }))
            using (var sub = reader.ReadSubtree())
            {
                while (sub.Read())
                {
                    if (reader.Depth > maxDepth)
                    {
                        throw Error("CAP-XML-003", $"The elements nest deeper than {maxDepth}.");
                    }

                    switch (sub.NodeType)
                    {
                        case XmlNodeType.Element:
                            writer.WriteStartElement(sub.Prefix, sub.LocalName, sub.NamespaceURI);
                            writer.WriteAttributes(sub, true);
                            if (sub.IsEmptyElement)
                            {
                                writer.WriteEndElement();
                            }

                            break;
                        case XmlNodeType.EndElement:
                            writer.WriteFullEndElement();
                            break;
                        case XmlNodeType.Text:
                            writer.WriteString(sub.Value);
                            break;
                        case XmlNodeType.CDATA:
                            writer.WriteCData(sub.Value);
                            break;
                        case XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace:
                            writer.WriteWhitespace(sub.Value);
                            break;
                    }
                }
            }

            reader.Read();
            return text.ToString();
        }

        private static string Shorten(string text) => text.Length > 40 ? text[..40] + "…" : text;
    }
}
