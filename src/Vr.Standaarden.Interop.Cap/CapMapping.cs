using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Vr.Standaarden.Spec;

namespace Vr.Standaarden.Interop.Cap;

/// <summary>How <see cref="CapMapping"/> makes messages of the standard from an alert.</summary>
public sealed class CapMappingOptions
{
    /// <summary>
    /// The messages' <c>source</c> (<c>urn:nld:oin:&lt;OIN&gt;[:…]</c>): the system that converts. When not set, the
    /// alert's sender is used if it is such a URN; otherwise mapping fails.
    /// </summary>
    public string? Source { get; set; }

    /// <summary>The envelope's <c>doelbinding</c>; <c>crisisbeheersing</c> by default.</summary>
    public string Doelbinding { get; set; } = "crisisbeheersing";

    /// <summary>The envelope's <c>bewaartermijn</c>; <c>P30D</c> by default.</summary>
    public string Bewaartermijn { get; set; } = "P30D";
}

/// <summary>An alert or message that cannot be mapped, with the reason.</summary>
public sealed class CapMappingException : FormatException
{
    /// <summary>A mapping problem.</summary>
    public CapMappingException(string message)
        : base(message)
    {
    }
}

/// <summary>
/// Between a CAP alert and the standard's <c>waarschuwing</c> messages: one message per <c>info</c> (language). What
/// the standard has a place for goes there (the table in the package's documentation); what it has none for, and every
/// text the standard would change (CAP dates such as <c>-00:00</c>, coordinates as written, a headline longer than 160
/// characters), goes into <c>data.uitbreidingen["org.oasis-open.cap"]</c>, so <see cref="ToAlert"/> gives back the
/// original infoset (the whitespace between elements aside, so an enveloped signature does not survive the trip).
/// </summary>
public static partial class CapMapping
{
    /// <summary>The extension key under <c>uitbreidingen</c>.</summary>
    public const string Extension = "org.oasis-open.cap";

    /// <summary>The <c>type</c> of the messages made from an alert with info.</summary>
    public const string MessageType = "nl.veiligheidsregio.waarschuwing.v1";

    /// <summary>The <c>type</c> of the message made from an alert without info (Ack, Cancel, Error), from release 1.2.</summary>
    public const string NoticeType = "nl.veiligheidsregio.kennisgeving.v1";

    /// <summary>
    /// The messages of <paramref name="alert"/>: one <c>waarschuwing</c> per info; an alert without info (msgType Ack,
    /// Cancel or Error) becomes one <c>kennisgeving</c> that says so about the alerts it references.
    /// </summary>
    /// <exception cref="CapMappingException">
    /// The alert has no info and is an Alert or Update (it warns of nothing), no usable source, or a <c>sent</c> that is no
    /// date and time.
    /// </exception>
    public static IReadOnlyList<JsonObject> ToMessages(CapAlert alert, CapMappingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(alert);
        options ??= new CapMappingOptions();
        var source = options.Source ?? (OinUrn().IsMatch(alert.Sender) ? alert.Sender : throw new CapMappingException($"The sender '{alert.Sender}' is not urn:nld:oin:<OIN>; set CapMappingOptions.Source to the converting system's OIN URN."));
        var release = Standard.NewestOf(1) ?? throw new CapMappingException("The standard holds no release of major line 1.");
        var references = alert.ParsedReferences;
        if (alert.Infos.Count == 0)
        {
            return [Notice(alert, references, options, source, release)];
        }

        var schema = release.Schema("waarschuwing").Id!;
        var messages = new List<JsonObject>();
        for (var i = 0; i < alert.Infos.Count; i++)
        {
            var info = alert.Infos[i];
            var residue = new JsonObject();
            var data = Data(alert, info, residue);
            residue["alert"] = AlertResidue(alert, i);
            if (Order(info, CapWriterOrder.Info) is { } infoOrder)
            {
                residue["info"]!["order"] = infoOrder;
            }
            data["uitbreidingen"] = new JsonObject { [Extension] = residue };

            var id = alert.Infos.Count == 1 ? Identifier(alert.Identifier) : $"{Identifier(alert.Identifier)}#{i + 1}";
            var message = Envelope(alert, options, source, id, MessageType, schema);
            if (info.Expires is { } expires && Rfc3339(expires) is { } expiry)
            {
                message["expirytime"] = expiry;
            }

            Relations(alert, references, message);
            message["data"] = data;
            messages.Add(message);
        }

        return messages;
    }

    // An alert without info: what it does (acknowledge, cancel, report an error) about the alerts it references.
    private static JsonObject Notice(CapAlert alert, IReadOnlyList<(string Sender, string Identifier, string Sent)> references, CapMappingOptions options, string source, StandardRelease release)
    {
        var kind = alert.MsgType switch
        {
            "Ack" => "BEVESTIGING",
            "Cancel" => "INTREKKING",
            "Error" => "FOUT",
            _ => throw new CapMappingException($"The alert has no info and is an {alert.MsgType}: it warns of nothing. Only an Ack, Cancel or Error may come without info."),
        };
        if (release.Find("schemas/kennisgeving.schema.json") is not { } schema)
        {
            throw new CapMappingException($"An alert without info ({alert.MsgType}) becomes a kennisgeving, which release {release.Name} of the standard does not have; it needs 1.2 or later.");
        }

        var data = new JsonObject { ["id"] = Identifier(alert.Identifier), ["soort"] = kind };
        var concerns = new JsonArray();
        foreach (var (sender, identifier, sent) in references)
        {
            if (Rfc3339(CapDateTime.Parse(sent)) is { } time && sender.Length > 0 && identifier.Length > 0)
            {
                concerns.Add(new JsonObject { ["afzender"] = Identifier(sender), ["id"] = Identifier(identifier), ["verzonden"] = time });
            }
        }

        if (concerns.Count > 0)
        {
            data["betreft"] = concerns;
        }

        if (alert.Note is { } note && note.Trim().Length > 0)
        {
            data["toelichting"] = note;
        }

        data["uitbreidingen"] = new JsonObject { [Extension] = new JsonObject { ["alert"] = AlertResidue(alert, 0) } };
        var message = Envelope(alert, options, source, Identifier(alert.Identifier), NoticeType, schema.Id!);
        Relations(alert, references, message);
        message["data"] = data;
        return message;
    }

    private static JsonObject Envelope(CapAlert alert, CapMappingOptions options, string source, string id, string type, string schema)
    {
        var message = new JsonObject
        {
            ["specversion"] = "1.0",
            ["id"] = id,
            ["source"] = source,
            ["type"] = type,
            ["time"] = Rfc3339(alert.Sent) ?? throw new CapMappingException($"sent '{alert.Sent.Text}' is not a date and time."),
            ["subject"] = Identifier(alert.Identifier),
            ["datacontenttype"] = "application/json",
            ["dataschema"] = schema,
        };
        foreach (var (name, value) in Sharing(alert, (string)message["time"]!))
        {
            message[name] = value;
        }

        message["doelbinding"] = options.Doelbinding;
        message["bewaartermijn"] = options.Bewaartermijn;
        return message;
    }

    // The incident the alert belongs to, and the alert it follows on.
    private static void Relations(CapAlert alert, IReadOnlyList<(string Sender, string Identifier, string Sent)> references, JsonObject message)
    {
        message["correlationid"] = Identifier(FirstToken(alert.Incidents) ?? (references.Count > 0 ? references[0].Identifier : alert.Identifier));
        if (references.Count > 0)
        {
            message["causationid"] = Identifier(references[^1].Identifier);
        }
    }

    /// <summary>
    /// The alert of <paramref name="messages"/> (the messages of one alert, in any order): with the CAP residue, the
    /// original alert; without it (waarschuwingen made natively), an alert built from the envelope and data.
    /// </summary>
    /// <exception cref="CapMappingException">A message is not a waarschuwing, or the messages belong to different alerts.</exception>
    public static CapAlert ToAlert(IEnumerable<JsonObject> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var list = messages.Select(m => (Message: m, Data: m["data"] as JsonObject ?? throw new CapMappingException("A message without data."), Residue: m["data"]?["uitbreidingen"]?[Extension] as JsonObject))
            .OrderBy(m => (int?)m.Residue?["alert"]?["index"] ?? 0).ToList();
        if (list.Count == 0)
        {
            throw new CapMappingException("No messages.");
        }

        if (list.Any(m => (string?)m.Message["type"] == NoticeType))
        {
            if (list.Count > 1)
            {
                throw new CapMappingException("A kennisgeving is an alert of its own: convert it alone, not together with other messages.");
            }

            var (notice, noticeData, noticeResidue) = list[0];
            return noticeResidue?["alert"] is JsonObject kept ? FromResidue(kept) : FromNotice(notice, noticeData);
        }

        foreach (var (message, _, _) in list)
        {
            if ((string?)message["type"] != MessageType)
            {
                throw new CapMappingException($"Message {(string?)message["id"]} is a {(string?)message["type"]}, not a waarschuwing or kennisgeving.");
            }
        }

        var first = list[0];
        var alert = first.Residue?["alert"] is JsonObject a ? FromResidue(a) : FromEnvelope(first.Message, first.Data);
        if (list.Select(m => (string?)m.Residue?["alert"]?["identifier"] ?? (string?)m.Data["id"]).Distinct().Count() > 1)
        {
            throw new CapMappingException("The messages belong to different alerts.");
        }

        foreach (var (_, data, residue) in list)
        {
            alert.Infos.Add(Info(data, residue));
        }

        return alert;
    }

    private static JsonObject Data(CapAlert alert, CapInfo info, JsonObject residue)
    {
        var rest = new JsonObject();
        var data = new JsonObject { ["id"] = Identifier(alert.Identifier) };
        if (FirstToken(alert.Incidents) is { } incident)
        {
            data["incidentId"] = Identifier(incident);
        }

        if (info.Language is { } language && LanguageTag().IsMatch(language))
        {
            data["taal"] = language;
        }
        else
        {
            data["taal"] = "en-US";
            rest["language"] = info.Language;
        }

        data["categorieen"] = Array(info.Categories.Distinct());
        Text(data, rest, "gebeurtenis", "event", info.Event);
        if (info.ResponseTypes.Count > 0)
        {
            data["responstypen"] = Array(info.ResponseTypes.Distinct());
        }

        data["urgentie"] = info.Urgency;
        data["ernst"] = info.Severity;
        data["zekerheid"] = info.Certainty == "Very Likely" ? "Likely" : info.Certainty;
        if (info.Certainty == "Very Likely")
        {
            rest["certainty"] = info.Certainty;
        }

        Text(data, rest, "doelgroep", "audience", info.Audience);
        if (info.EventCodes.Count > 0)
        {
            data["gebeurteniscodes"] = Pairs(info.EventCodes);
        }

        Time(data, rest, "ingang", "effective", info.Effective);
        Time(data, rest, "aanvang", "onset", info.Onset);
        Time(data, rest, "verloopt", "expires", info.Expires);
        Text(data, rest, "afzendernaam", "senderName", info.SenderName);
        if (info.Headline is { Length: > 0 and <= 160 } headline)
        {
            data["kop"] = headline;
        }
        else if (info.Headline is not null)
        {
            rest["headline"] = info.Headline;
        }

        Text(data, rest, "omschrijving", "description", info.Description);
        Text(data, rest, "instructie", "instruction", info.Instruction);
        if (info.Web is { } web && Uri.TryCreate(web, UriKind.Absolute, out _) && web.Trim() == web)
        {
            data["web"] = web;
        }
        else if (info.Web is not null)
        {
            rest["web"] = info.Web;
        }

        Text(data, rest, "contact", "contact", info.Contact);
        if (info.Parameters.Count > 0)
        {
            data["parameters"] = Pairs(info.Parameters);
        }

        if (info.Resources.Count > 0)
        {
            data["bijlagen"] = new JsonArray([.. info.Resources.Select((r, i) => (JsonNode)Resource(r, rest, i))]);
        }

        data["gebieden"] = new JsonArray([.. info.Areas.Select((a, i) => (JsonNode)Area(a, rest, i))]);
        if (info.Areas.Count == 0)
        {
            // The standard needs an area; an alert without one says "unknown area" and gives that back.
            data["gebieden"] = new JsonArray(new JsonObject { ["omschrijving"] = "onbekend" });
            rest["noArea"] = true;
        }

        if (info.Extensions.Count > 0)
        {
            rest["extensions"] = Array(info.Extensions);
        }

        if (info.EventCodes.Any(p => p.AsText) || info.Parameters.Any(p => p.AsText) || info.Areas.Any(a => a.Geocodes.Any(p => p.AsText)))
        {
            rest["pairsAsText"] = true;
        }

        residue["info"] = rest;
        return data;
    }

    private static JsonObject Resource(CapResource r, JsonObject rest, int index)
    {
        var resource = new JsonObject { ["omschrijving"] = r.ResourceDesc.Length > 0 ? r.ResourceDesc : "-" };
        var own = new JsonObject();
        if (r.ResourceDesc.Length == 0)
        {
            own["resourceDesc"] = "";
        }

        if (r.MimeType is { } mime && MimeType().IsMatch(mime))
        {
            resource["mimeType"] = mime;
        }
        else
        {
            resource["mimeType"] = "application/octet-stream";
            own["mimeType"] = r.MimeType;
        }

        if (r.Size is { } size && long.TryParse(size, NumberStyles.None, CultureInfo.InvariantCulture, out var bytes) && bytes.ToString(CultureInfo.InvariantCulture) == size)
        {
            resource["grootte"] = bytes;
        }
        else if (r.Size is not null)
        {
            own["size"] = r.Size;
        }

        Keep(resource, own, "uri", "uri", r.Uri, r.Uri is { } u && u.Length > 0 && u.Trim() == u);
        Keep(resource, own, "inhoud", "derefUri", r.DerefUri, r.DerefUri is { } d && d.Length > 0 && d.Trim() == d);
        Keep(resource, own, "digest", "digest", r.Digest, r.Digest is { } g && Sha1().IsMatch(g));
        if (r.Extensions.Count > 0)
        {
            own["extensions"] = Array(r.Extensions);
        }

        if (own.Count > 0)
        {
            (rest["resources"] ??= new JsonObject()).AsObject()[index.ToString(CultureInfo.InvariantCulture)] = own;
        }

        return resource;
    }

    private static JsonObject Area(CapArea a, JsonObject rest, int index)
    {
        var area = new JsonObject { ["omschrijving"] = a.AreaDesc.Length > 0 ? a.AreaDesc : "-" };
        var own = new JsonObject();
        if (a.AreaDesc.Length == 0)
        {
            own["areaDesc"] = "";
        }

        var polygons = new JsonArray();
        var polygonTexts = new JsonArray();
        foreach (var polygon in a.Polygons)
        {
            var points = CapGeometry.Points(polygon);
            if (points is { Count: >= 4 } && points[0] == points[^1])
            {
                polygons.Add(new JsonArray([.. points.Select(p => (JsonNode)new JsonArray(p.Lon, p.Lat))]));
                polygonTexts.Add(polygon);
            }
            else
            {
                polygonTexts.Add(new JsonObject { ["unmapped"] = polygon });
            }
        }

        if (polygons.Count > 0)
        {
            area["polygonen"] = polygons;
        }

        var circles = new JsonArray();
        var circleTexts = new JsonArray();
        foreach (var circle in a.Circles)
        {
            if (CapGeometry.Circle(circle) is { } c && c.RadiusKm >= 0)
            {
                circles.Add(new JsonObject { ["middelpunt"] = new JsonArray(c.Lon, c.Lat), ["straalKm"] = c.RadiusKm });
                circleTexts.Add(circle);
            }
            else
            {
                circleTexts.Add(new JsonObject { ["unmapped"] = circle });
            }
        }

        if (circles.Count > 0)
        {
            area["cirkels"] = circles;
        }

        if (a.Polygons.Count > 0)
        {
            own["polygons"] = polygonTexts;
        }

        if (a.Circles.Count > 0)
        {
            own["circles"] = circleTexts;
        }

        if (a.Geocodes.Count > 0)
        {
            area["geocodes"] = Pairs(a.Geocodes);
        }

        var hasAltitude = a.Altitude is { } alt && CapGeometry.TryNumber(alt, out _);
        if (hasAltitude && CapGeometry.TryNumber(a.Altitude!, out var altitude))
        {
            area["hoogte"] = altitude;
        }

        if (a.Altitude is not null)
        {
            own["altitude"] = a.Altitude;
        }

        if (a.Ceiling is { } ceiling && hasAltitude && CapGeometry.TryNumber(ceiling, out var top))
        {
            area["plafond"] = top;
        }

        if (a.Ceiling is not null)
        {
            own["ceiling"] = a.Ceiling;
        }

        if (a.Extensions.Count > 0)
        {
            own["extensions"] = Array(a.Extensions);
        }

        if (own.Count > 0)
        {
            (rest["areas"] ??= new JsonObject()).AsObject()[index.ToString(CultureInfo.InvariantCulture)] = own;
        }

        return area;
    }

    private static JsonObject AlertResidue(CapAlert alert, int index)
    {
        var residue = new JsonObject
        {
            ["namespace"] = alert.Namespace,
            ["index"] = index,
            ["identifier"] = alert.Identifier,
            ["sender"] = alert.Sender,
            ["sent"] = alert.Sent.Text,
            ["status"] = alert.Status,
            ["msgType"] = alert.MsgType,
            ["scope"] = alert.Scope,
        };
        Optional(residue, "password", alert.Password);
        Optional(residue, "source", alert.Source);
        Optional(residue, "restriction", alert.Restriction);
        Optional(residue, "addresses", alert.Addresses);
        if (alert.Codes.Count > 0)
        {
            residue["codes"] = Array(alert.Codes);
        }

        Optional(residue, "note", alert.Note);
        Optional(residue, "references", alert.References);
        Optional(residue, "incidents", alert.Incidents);
        if (alert.Extensions.Count > 0)
        {
            residue["extensions"] = Array(alert.Extensions);
        }

        if (Order(alert, CapWriterOrder.Alert) is { } order)
        {
            residue["order"] = order;
        }

        return residue;
    }

    /// <summary>The names of the children in the order read, when it is not the schema's (or a foreign element stands elsewhere than at the end).</summary>
    private static JsonArray? Order(CapElement element, string[] schema)
    {
        if (element.Layout is not { } layout)
        {
            return null;
        }

        var names = layout.Slots.Select(s => s.Name).ToList();
        var canonical = names.Where(n => n != "#ext").OrderBy(n => System.Array.IndexOf(schema, n)).Concat(names.Where(n => n == "#ext")).ToList();
        return names.SequenceEqual(canonical, StringComparer.Ordinal) ? null : Array(names);
    }

    /// <summary>A layout that writes the children in <paramref name="order"/>.</summary>
    private static void Reorder(CapElement element, JsonNode? order)
    {
        if (order is JsonArray names)
        {
            var layout = new Layout();
            layout.Slots.AddRange(names.Select(n => new Slot((string?)n ?? "", "", 0, 0)));
            element.Layout = layout;
        }
    }

    private static CapAlert FromResidue(JsonObject a)
    {
        var alert = new CapAlert
        {
            Namespace = (string?)a["namespace"] ?? CapNamespaces.Cap12,
            Identifier = (string?)a["identifier"] ?? "",
            Sender = (string?)a["sender"] ?? "",
            Password = (string?)a["password"],
            Sent = CapDateTime.Parse((string?)a["sent"] ?? ""),
            Status = (string?)a["status"] ?? "",
            MsgType = (string?)a["msgType"] ?? "",
            Source = (string?)a["source"],
            Scope = (string?)a["scope"] ?? "",
            Restriction = (string?)a["restriction"],
            Addresses = (string?)a["addresses"],
            Note = (string?)a["note"],
            References = (string?)a["references"],
            Incidents = (string?)a["incidents"],
        };
        Fill(alert.Codes, a["codes"]);
        Fill(alert.Extensions, a["extensions"]);
        Reorder(alert, a["order"]);
        return alert;
    }

    private static CapAlert FromEnvelope(JsonObject message, JsonObject data)
    {
        var tlp = (string?)message["tlp"];
        var alert = new CapAlert
        {
            Identifier = (string?)data["id"] ?? (string?)message["id"] ?? "",
            Sender = (string?)message["source"] ?? "",
            Sent = DateTimeOffset.TryParse((string?)message["time"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) ? CapDateTime.From(time) : CapDateTime.Parse((string?)message["time"] ?? ""),
            Status = "Actual",
            MsgType = message["causationid"] is null ? "Alert" : "Update",
            Scope = tlp switch
            {
                "TLP:CLEAR" or "TLP:WHITE" or "TLP:GREEN" => "Public",
                "TLP:RED" => "Private",
                _ => "Restricted",
            },
            Incidents = (string?)data["incidentId"],
        };
        if (alert.Scope == "Restricted")
        {
            alert.Restriction = tlp;
        }
        else if (alert.Scope == "Private")
        {
            alert.Addresses = (string?)message["ontvangers"] ?? "";
        }

        return alert;
    }

    // A kennisgeving made natively: an Ack, Cancel or Error without info, its references from betreft.
    private static CapAlert FromNotice(JsonObject message, JsonObject data)
    {
        var alert = FromEnvelope(message, data);
        alert.MsgType = (string?)data["soort"] switch
        {
            "BEVESTIGING" => "Ack",
            "INTREKKING" => "Cancel",
            "FOUT" => "Error",
            var other => throw new CapMappingException($"Message {(string?)message["id"]} is a kennisgeving of kind '{other}', which CAP has no msgType for."),
        };
        alert.Note = (string?)data["toelichting"];
        if (data["betreft"] is JsonArray concerns && concerns.Count > 0)
        {
            alert.References = string.Join(" ", concerns.OfType<JsonObject>().Select(c =>
                $"{(string?)c["afzender"]},{(string?)c["id"]},{(DateTimeOffset.TryParse((string?)c["verzonden"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var sent) ? CapDateTime.From(sent).Text : (string?)c["verzonden"])}"));
        }

        return alert;
    }

    private static CapInfo Info(JsonObject data, JsonObject? residue)
    {
        var rest = residue?["info"] as JsonObject ?? [];
        var asText = (bool?)rest["pairsAsText"] ?? false;
        var info = new CapInfo
        {
            Language = rest.ContainsKey("language") ? (string?)rest["language"] : (string?)data["taal"],
            Event = Restore(data, rest, "gebeurtenis", "event") ?? "",
            Urgency = (string?)data["urgentie"] ?? "",
            Severity = (string?)data["ernst"] ?? "",
            Certainty = (string?)rest["certainty"] ?? (string?)data["zekerheid"] ?? "",
            Audience = Restore(data, rest, "doelgroep", "audience"),
            Effective = Time(data, rest, "ingang", "effective"),
            Onset = Time(data, rest, "aanvang", "onset"),
            Expires = Time(data, rest, "verloopt", "expires"),
            SenderName = Restore(data, rest, "afzendernaam", "senderName"),
            Headline = Restore(data, rest, "kop", "headline"),
            Description = Restore(data, rest, "omschrijving", "description"),
            Instruction = Restore(data, rest, "instructie", "instruction"),
            Web = Restore(data, rest, "web", "web"),
            Contact = Restore(data, rest, "contact", "contact"),
        };
        Fill(info.Categories, data["categorieen"]);
        Fill(info.ResponseTypes, data["responstypen"]);
        Pairs(info.EventCodes, data["gebeurteniscodes"], asText);
        Pairs(info.Parameters, data["parameters"], asText);
        var resources = data["bijlagen"] as JsonArray ?? [];
        for (var i = 0; i < resources.Count; i++)
        {
            var r = resources[i]!.AsObject();
            var own = rest["resources"]?[i.ToString(CultureInfo.InvariantCulture)] as JsonObject ?? [];
            var resource = new CapResource
            {
                ResourceDesc = own.ContainsKey("resourceDesc") ? (string?)own["resourceDesc"] ?? "" : (string?)r["omschrijving"] ?? "",
                MimeType = own.ContainsKey("mimeType") ? (string?)own["mimeType"] : (string?)r["mimeType"],
                Size = own.ContainsKey("size") ? (string?)own["size"] : r["grootte"]?.ToJsonString(),
                Uri = own.ContainsKey("uri") ? (string?)own["uri"] : (string?)r["uri"],
                DerefUri = own.ContainsKey("derefUri") ? (string?)own["derefUri"] : (string?)r["inhoud"],
                Digest = own.ContainsKey("digest") ? (string?)own["digest"] : (string?)r["digest"],
            };
            Fill(resource.Extensions, own["extensions"]);
            info.Resources.Add(resource);
        }

        if (!((bool?)rest["noArea"] ?? false))
        {
            var areas = data["gebieden"] as JsonArray ?? [];
            for (var i = 0; i < areas.Count; i++)
            {
                info.Areas.Add(Area(areas[i]!.AsObject(), rest["areas"]?[i.ToString(CultureInfo.InvariantCulture)] as JsonObject ?? [], asText));
            }
        }

        Fill(info.Extensions, rest["extensions"]);
        Reorder(info, rest["order"]);
        return info;
    }

    private static CapArea Area(JsonObject a, JsonObject own, bool asText)
    {
        var area = new CapArea { AreaDesc = own.ContainsKey("areaDesc") ? (string?)own["areaDesc"] ?? "" : (string?)a["omschrijving"] ?? "" };
        if (own["polygons"] is JsonArray polygonTexts)
        {
            foreach (var text in polygonTexts)
            {
                area.Polygons.Add(text is JsonObject o ? (string?)o["unmapped"] ?? "" : (string?)text ?? "");
            }
        }
        else
        {
            foreach (var ring in a["polygonen"] as JsonArray ?? [])
            {
                area.Polygons.Add(CapGeometry.Polygon(ring!.AsArray().Select(p => ((double)p![1]!, (double)p[0]!))));
            }
        }

        if (own["circles"] is JsonArray circleTexts)
        {
            foreach (var text in circleTexts)
            {
                area.Circles.Add(text is JsonObject o ? (string?)o["unmapped"] ?? "" : (string?)text ?? "");
            }
        }
        else
        {
            foreach (var circle in a["cirkels"] as JsonArray ?? [])
            {
                area.Circles.Add(CapGeometry.CircleText((double)circle!["middelpunt"]![1]!, (double)circle["middelpunt"]![0]!, (double)circle["straalKm"]!));
            }
        }

        Pairs(area.Geocodes, a["geocodes"], asText);
        area.Altitude = own.ContainsKey("altitude") ? (string?)own["altitude"] : a["hoogte"] is { } h ? CapGeometry.Number((double)h) : null;
        area.Ceiling = own.ContainsKey("ceiling") ? (string?)own["ceiling"] : a["plafond"] is { } c ? CapGeometry.Number((double)c) : null;
        Fill(area.Extensions, own["extensions"]);
        return area;
    }

    /// <summary>
    /// The day TLP:CLEAR took effect (TLP 2.0), from the standard's <c>tlp</c> code list: an alert sent before it is
    /// public under TLP 1.0's TLP:WHITE, the label valid on the message's date.
    /// </summary>
    private static readonly Lazy<DateOnly> ClearSince = new(() =>
    {
        var list = Standard.NewestOf(1)?.Find("codelijsten/tlp.json") is { } file ? JsonNode.Parse(file.Utf8.Span) : null;
        var from = list?["codes"]?.AsArray().FirstOrDefault(c => (string?)c?["code"] == "TLP:CLEAR")?["geldigVanaf"];
        return from is null ? DateOnly.MinValue : DateOnly.ParseExact((string)from!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
    });

    private static IEnumerable<(string Name, string Value)> Sharing(CapAlert alert, string time)
    {
        switch (alert.Scope)
        {
            case "Public":
                // The label valid on the message's date (its time in its own offset, as the code-list rule reads it).
                var day = DateOnly.FromDateTime(DateTimeOffset.Parse(time, CultureInfo.InvariantCulture, DateTimeStyles.None).DateTime);
                yield return ("tlp", day < ClearSince.Value ? "TLP:WHITE" : "TLP:CLEAR");
                break;
            case "Private":
                yield return ("tlp", "TLP:RED");
                var oins = (alert.Addresses ?? "").Split([' ', '\t', '\n', '\r', '"'], StringSplitOptions.RemoveEmptyEntries)
                    .Select(a => Oin().Match(a)).Where(m => m.Success).Select(m => $"urn:nld:oin:{m.Groups[1].Value}").Distinct().ToList();
                if (oins.Count > 0)
                {
                    yield return ("ontvangers", string.Join(' ', oins));
                }

                break;
            default:
                yield return ("tlp", "TLP:AMBER");
                break;
        }
    }

    private static void Text(JsonObject data, JsonObject rest, string name, string capName, string? value)
    {
        if (value is { Length: > 0 and <= 20000 })
        {
            data[name] = value;
        }
        else if (value is not null)
        {
            rest[capName] = value;
        }
    }

    private static string? Restore(JsonObject data, JsonObject rest, string name, string capName) =>
        rest.ContainsKey(capName) ? (string?)rest[capName] : (string?)data[name];

    private static void Time(JsonObject data, JsonObject rest, string name, string capName, CapDateTime? value)
    {
        if (value is not { } time)
        {
            return;
        }

        if (Rfc3339(time) is { } text)
        {
            data[name] = text;
        }

        if (Rfc3339(time) != time.Text)
        {
            (rest["times"] ??= new JsonObject()).AsObject()[capName] = time.Text;
        }
    }

    private static CapDateTime? Time(JsonObject data, JsonObject rest, string name, string capName)
    {
        if (rest["times"]?[capName] is { } original)
        {
            return CapDateTime.Parse((string?)original ?? "");
        }

        if ((string?)data[name] is not { } text)
        {
            return null;
        }

        // The standard's text is CAP's text, except that UTC is Z there and -00:00 in CAP.
        return text.EndsWith('Z') && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var value) ? CapDateTime.From(value) : CapDateTime.Parse(text);
    }

    /// <summary>The standard's form of a CAP time: the same text, except UTC as <c>Z</c> (the standard forbids <c>-00:00</c>).</summary>
    private static string? Rfc3339(CapDateTime time)
    {
        if (time.Value is not { } value)
        {
            return null;
        }

        var text = time.Text.Trim();
        if (text.EndsWith("-00:00", StringComparison.Ordinal) || text.EndsWith("+00:00", StringComparison.Ordinal))
        {
            return text[..^6] + "Z";
        }

        return CapDateTime.Parse(text).HasCapForm ? text : value.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture);
    }

    private static void Keep(JsonObject target, JsonObject own, string name, string capName, string? value, bool fits)
    {
        if (value is null)
        {
            return;
        }

        if (fits)
        {
            target[name] = value;
        }
        else
        {
            own[capName] = value;
        }
    }

    private static void Optional(JsonObject target, string name, string? value)
    {
        if (value is not null)
        {
            target[name] = value;
        }
    }

    private static JsonArray Array(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode)JsonValue.Create(v))]);

    private static JsonArray Pairs(IEnumerable<CapValue> pairs) =>
        new([.. pairs.Select(p => (JsonNode)new JsonObject { ["naam"] = p.ValueName.Length > 0 ? p.ValueName : "-", ["waarde"] = p.Value })]);

    private static void Pairs(IList<CapValue> target, JsonNode? source, bool asText)
    {
        foreach (var pair in source as JsonArray ?? [])
        {
            target.Add(new CapValue((string?)pair!["naam"] ?? "", (string?)pair["waarde"] ?? "") { AsText = asText });
        }
    }

    private static void Fill(IList<string> target, JsonNode? source)
    {
        foreach (var value in source as JsonArray ?? [])
        {
            target.Add((string?)value ?? "");
        }
    }

    private static string? FirstToken(string? text) => text?.Split([' ', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();

    private static string Identifier(string text)
    {
        var clean = Regex.Replace(text.Trim(), @"\s+", "_");
        return clean.Length == 0 ? "-" : clean.Length > 200 ? clean[..200] : clean;
    }

    [GeneratedRegex(@"^urn:nld:oin:[0-9]{8}[0-9A-Za-z]{12}(:[!-~]+)?$")]
    private static partial Regex OinUrn();

    [GeneratedRegex(@"^(?:urn:nld:oin:)?([0-9]{20})$")]
    private static partial Regex Oin();

    [GeneratedRegex(@"^[a-z]{2,3}(-[A-Z]{2})?$")]
    private static partial Regex LanguageTag();

    [GeneratedRegex(@"^[a-z]+/[A-Za-z0-9.+-]+$")]
    private static partial Regex MimeType();

    [GeneratedRegex(@"^[0-9a-fA-F]{40}$")]
    private static partial Regex Sha1();
}
