using System.Text;
using System.Xml;

namespace Vr.Standaarden.Interop.Cap;

/// <summary>The schema's order of the children of <c>alert</c> and <c>info</c>.</summary>
internal static class CapWriterOrder
{
    public static readonly string[] Alert = ["identifier", "sender", "password", "sent", "status", "msgType", "source", "scope", "restriction", "addresses", "code", "note", "references", "incidents", "info"];

    public static readonly string[] Info = ["language", "category", "event", "responseType", "urgency", "severity", "certainty", "audience", "eventCode", "effective", "onset", "expires", "senderName", "headline", "description", "instruction", "web", "contact", "parameter", "resource", "area"];
}

/// <summary>
/// Writes alerts as UTF-8 XML. An element read by <see cref="CapReader"/> is written with its children in the order
/// and with the whitespace it was read with, elements of other namespaces in their place, and the root's namespace
/// declarations as they were: read → write gives the same infoset, and an enveloped <c>ds:Signature</c> still
/// verifies as long as nothing it covers was changed. An element made in code, or whose children were added or
/// removed, is written in the schema's order, indented; dates made with <see cref="CapDateTime.From"/> have CAP's form.
/// </summary>
public static class CapWriter
{
    /// <summary>The alert as UTF-8 XML, with an XML declaration.</summary>
    public static byte[] Write(CapAlert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        using var buffer = new MemoryStream();
        Write(alert, buffer);
        return buffer.ToArray();
    }

    /// <summary>Writes the alert as UTF-8 XML to <paramref name="stream"/>.</summary>
    public static void Write(CapAlert alert, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(alert);
        ArgumentNullException.ThrowIfNull(stream);
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = false, NewLineHandling = NewLineHandling.None, CloseOutput = false };
        using var writer = XmlWriter.Create(stream, settings);
        writer.WriteStartDocument();
        var prefix = alert.Layout?.Prefix ?? "";
        writer.WriteStartElement(prefix, "alert", alert.Namespace);
        foreach (var (attrPrefix, localName, ns, value) in alert.Layout?.Attributes ?? [])
        {
            if (ns == "http://www.w3.org/2000/xmlns/")
            {
                // Namespace declarations as they were, so the canonical form of what a signature covers is unchanged.
                if (attrPrefix.Length == 0 && localName == "xmlns")
                {
                    continue;
                }

                writer.WriteAttributeString("xmlns", localName, ns, value);
            }
            else
            {
                writer.WriteAttributeString(attrPrefix, localName, ns, value);
            }
        }

        var context = new Context(writer, alert.Namespace, prefix);
        context.Children(alert, AlertChildren(alert), 1);
        writer.WriteEndElement();
        writer.WriteEndDocument();
    }

    private static List<(string Name, object Value)> AlertChildren(CapAlert a)
    {
        var list = new List<(string, object)> { ("identifier", a.Identifier), ("sender", a.Sender) };
        Add(list, "password", a.Password);
        list.Add(("sent", a.Sent.Text ?? ""));
        list.Add(("status", a.Status));
        list.Add(("msgType", a.MsgType));
        Add(list, "source", a.Source);
        list.Add(("scope", a.Scope));
        Add(list, "restriction", a.Restriction);
        Add(list, "addresses", a.Addresses);
        list.AddRange(a.Codes.Select(c => ("code", (object)c)));
        Add(list, "note", a.Note);
        Add(list, "references", a.References);
        Add(list, "incidents", a.Incidents);
        list.AddRange(a.Infos.Select(i => ("info", (object)i)));
        return list;
    }

    private static List<(string Name, object Value)> InfoChildren(CapInfo i)
    {
        var list = new List<(string, object)>();
        Add(list, "language", i.Language);
        list.AddRange(i.Categories.Select(c => ("category", (object)c)));
        list.Add(("event", i.Event));
        list.AddRange(i.ResponseTypes.Select(r => ("responseType", (object)r)));
        list.Add(("urgency", i.Urgency));
        list.Add(("severity", i.Severity));
        list.Add(("certainty", i.Certainty));
        Add(list, "audience", i.Audience);
        list.AddRange(i.EventCodes.Select(e => ("eventCode", (object)e)));
        Add(list, "effective", i.Effective?.Text);
        Add(list, "onset", i.Onset?.Text);
        Add(list, "expires", i.Expires?.Text);
        Add(list, "senderName", i.SenderName);
        Add(list, "headline", i.Headline);
        Add(list, "description", i.Description);
        Add(list, "instruction", i.Instruction);
        Add(list, "web", i.Web);
        Add(list, "contact", i.Contact);
        list.AddRange(i.Parameters.Select(p => ("parameter", (object)p)));
        list.AddRange(i.Resources.Select(r => ("resource", (object)r)));
        list.AddRange(i.Areas.Select(r => ("area", (object)r)));
        return list;
    }

    private static List<(string Name, object Value)> ResourceChildren(CapResource r)
    {
        var list = new List<(string, object)> { ("resourceDesc", r.ResourceDesc) };
        Add(list, "mimeType", r.MimeType);
        Add(list, "size", r.Size);
        Add(list, "uri", r.Uri);
        Add(list, "derefUri", r.DerefUri);
        Add(list, "digest", r.Digest);
        return list;
    }

    private static List<(string Name, object Value)> AreaChildren(CapArea a)
    {
        var list = new List<(string, object)> { ("areaDesc", a.AreaDesc) };
        list.AddRange(a.Polygons.Select(p => ("polygon", (object)p)));
        list.AddRange(a.Circles.Select(c => ("circle", (object)c)));
        list.AddRange(a.Geocodes.Select(g => ("geocode", (object)g)));
        Add(list, "altitude", a.Altitude);
        Add(list, "ceiling", a.Ceiling);
        return list;
    }

    private static void Add(List<(string, object)> list, string name, string? value)
    {
        if (value is not null)
        {
            list.Add((name, value));
        }
    }

    private sealed class Context(XmlWriter writer, string ns, string prefix)
    {
        private const string Ext = "#ext";

        public void Children(CapElement owner, List<(string Name, object Value)> children, int depth)
        {
            var layout = owner.Layout;
            if (layout is not null && Order(layout, children, owner.Extensions.Count) is { } order)
            {
                // As read: each slot takes the next child of its name, in the order and with the whitespace it had.
                var extension = 0;
                var known = 0;
                foreach (var slot in layout.Slots)
                {
                    Whitespace(slot.Leading);
                    if (ReferenceEquals(slot.Name, Ext) || slot.Name == Ext)
                    {
                        writer.WriteRaw(owner.Extensions[extension++]);
                    }
                    else
                    {
                        var (name, value) = children[order[known++]];
                        Element(name, value, depth);
                    }
                }

                Whitespace(layout.Trailing);
                return;
            }

            var indent = "\n" + new string(' ', depth * 2);
            foreach (var (name, value) in children)
            {
                writer.WriteRaw(indent);
                Element(name, value, depth);
            }

            foreach (var raw in owner.Extensions)
            {
                writer.WriteRaw(indent);
                writer.WriteRaw(raw);
            }

            writer.WriteRaw("\n" + new string(' ', (depth - 1) * 2));
        }

        /// <summary>
        /// For each slot of the layout (other namespaces aside), the index of the child it takes: the first unused child
        /// of its name. <c>null</c> when the children are no longer those that were read (one added or removed).
        /// </summary>
        private static int[]? Order(Layout layout, List<(string Name, object Value)> children, int extensions)
        {
            var order = new int[children.Count];
            Span<bool> used = children.Count <= 256 ? stackalloc bool[children.Count] : new bool[children.Count];
            var known = 0;
            var foreign = 0;
            foreach (var slot in layout.Slots)
            {
                if (slot.Name == Ext)
                {
                    foreign++;
                    continue;
                }

                var found = -1;
                for (var j = 0; j < children.Count; j++)
                {
                    if (!used[j] && string.Equals(children[j].Name, slot.Name, StringComparison.Ordinal))
                    {
                        found = j;
                        break;
                    }
                }

                if (found < 0 || known == order.Length)
                {
                    return null;
                }

                used[found] = true;
                order[known++] = found;
            }

            return known == children.Count && foreign == extensions ? order : null;
        }

        private void Whitespace(string text)
        {
            if (text.Length > 0)
            {
                writer.WriteWhitespace(text);
            }
        }

        private void Element(string name, object value, int depth)
        {
            writer.WriteStartElement(prefix, name, ns);
            switch (value)
            {
                case string text:
                    writer.WriteString(text);
                    break;
                case CapInfo info:
                    Children(info, InfoChildren(info), depth + 1);
                    break;
                case CapResource resource:
                    Children(resource, ResourceChildren(resource), depth + 1);
                    break;
                case CapArea area:
                    Children(area, AreaChildren(area), depth + 1);
                    break;
                case CapValue pair when pair.AsText:
                    writer.WriteString($"{pair.ValueName}={pair.Value}");
                    break;
                case CapValue pair:
                    Children(pair, [("valueName", pair.ValueName), ("value", pair.Value)], depth + 1);
                    break;
            }

            writer.WriteEndElement();
        }
    }
}
