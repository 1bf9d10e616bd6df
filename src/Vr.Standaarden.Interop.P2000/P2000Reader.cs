using System.Globalization;
using System.Text.RegularExpressions;
using Vr.Standaarden.Begrippen;

namespace Vr.Standaarden.Interop.P2000;

/// <summary>
/// Reads P2000 pager messages: a plain text line (<c>P 1 BDH-03 BR woning Willem van der Madeweg Leiden 164252</c>) or a
/// line as multimon-ng writes it (<c>FLEX|2026-11-20 21:42:13|1600/2/K/A|10.112|001500050 001500140|ALN|P 1 …</c>).
/// Each part it recognises is set; the rest is kept in <see cref="P2000Message.Unrecognised"/>; nothing is dropped.
/// The grammar is the brandweer style of the NIPV pager texts as seen in public feeds (priority, meldkamer code,
/// flags in parentheses, incident text, location, unit numbers) with the ambulance (<c>A1</c>, <c>A2</c>, <c>B</c>)
/// and police (<c>Prio 1</c>) styles.
/// </summary>
public static partial class P2000Reader
{
    private static readonly TimeZoneInfo Amsterdam = FindAmsterdam();

    /// <summary>Phrases of incident texts and the LMC code they mean, longest first.</summary>
    private static readonly (string Phrase, string Code)[] Phrases = [.. new (string, string)[]
    {
        ("br woning", "brgb01"), ("brand woning", "brgb01"), ("br woongebouw", "brgb01"), ("br wooncomplex", "brgb01"), ("br flat", "brgb01"),
        ("br zorginstelling", "brgb04"), ("br gezondheidszorg", "brgb04"), ("br ziekenhuis", "brgb04"), ("br verpleeghuis", "brgb04"),
        ("br gebouw", "brgb"), ("br bedrijf", "brgb"), ("br industrie", "brgb"), ("br winkel", "brgb"), ("br school", "brgb"), ("gebouwbrand", "brgb"),
        ("buitenbrand container", "brbtct"), ("br container", "brbtct"), ("containerbrand", "brbtct"),
        ("bosbrand", "brntbo"), ("br bos", "brntbo"), ("natuurbrand", "brnt"), ("br natuur", "brnt"), ("br heide", "brnt"),
        ("buitenbrand", "brbt"), ("br buiten", "brbt"), ("br voertuig", "brbt"), ("br auto", "brbt"), ("autobrand", "brbt"),
        ("autom. brand oms", "alabab"), ("automatische brand oms", "alabab"), ("autom. brand", "alab"), ("automatische brand", "alab"), ("oms", "alabab"),
        ("persoonsalarm", "alpaps"), ("pac alarm", "alpa"), ("weeralarm", "alma"),
        ("spookrijder", "vkwesr"), ("aanrijding", "vkwe"), ("ongeval wegvervoer", "vkwe"), ("ongeval/wegvervoer", "vkwe"), ("wegvervoer", "vkwe"), ("vko", "vkwe"),
        ("persoon o/b spoor", "vkspps"), ("persoon op spoor", "vkspps"), ("aanrijding trein", "vksp"), ("spoorvervoer", "vksp"),
        ("bommelding", "voexbm"), ("explosief", "voex"), ("schietpartij", "vogwsi"), ("schietincident", "vogwsi"), ("geweld", "vogw"),
        ("inbraak woning", "bzibwn"), ("woninginbraak", "bzibwn"), ("inbraak", "bzib"), ("overval waardetransport", "bzovwd"), ("overval", "bzov"),
        ("reanimatie", "gz"), ("onwel", "gz"), ("letsel", "gz"),
        ("liftopsluiting", "dv"), ("dv aan derden", "dv"), ("assistentie", "dv"), ("nacontrole", "dv"), ("dier in problemen", "dv"), ("stormschade", "dv"),
        ("stank/hind. lucht", "lm"), ("stank", "lm"), ("gaslekkage", "lm"), ("gaslucht", "lm"), ("co-melder", "lm"), ("koolmonoxide", "lm"), ("lekkage", "lm"),
        ("brand", "br"),
    }.OrderByDescending(p => p.Item1.Length)];

    /// <summary>Reads one line: FLEX when it starts with <c>FLEX|</c>, plain text otherwise.</summary>
    public static P2000Message Read(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var raw = line.TrimEnd('\r', '\n');
        if (raw.StartsWith("FLEX|", StringComparison.Ordinal))
        {
            var fields = raw.Split('|');
            var text = fields.Length >= 7 ? string.Join('|', fields[6..]) : "";
            var time = fields.Length > 1 && DateTime.TryParseExact(fields[1].Trim(), ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
                ? new DateTimeOffset(local, Amsterdam.GetUtcOffset(local))
                : (DateTimeOffset?)null;
            var capcodes = fields.Length > 4
                ? fields[4].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(c => c.TrimStart('0').PadLeft(7, '0')).ToList()
                : [];
            return Parse(raw, text.Trim()) with { Time = time, Capcodes = capcodes };
        }

        return Parse(raw, raw.Trim());
    }

    /// <summary>Reads every non-empty line of <paramref name="text"/>.</summary>
    public static IReadOnlyList<P2000Message> ReadAll(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return [.. text.Split('\n').Where(l => l.Trim().Length > 0).Select(Read)];
    }

    private static P2000Message Parse(string raw, string text)
    {
        var rest = Regex.Replace(text, @"\s+", " ").Trim();

        // Unit numbers close the message.
        var tokens = rest.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        var units = new List<string>();
        while (tokens.Count > 0 && UnitNumber().IsMatch(tokens[^1]))
        {
            units.Insert(0, tokens[^1]);
            tokens.RemoveAt(tokens.Count - 1);
        }

        rest = string.Join(' ', tokens);
        string? priority = null, discipline = null;
        var p = PriorityPattern().Match(rest);
        if (p.Success)
        {
            (priority, discipline) = p.Groups["p"].Success ? ("P" + p.Groups["p"].Value, "BRW")
                : p.Groups["a"].Success ? (p.Groups["a"].Value.ToUpperInvariant(), "GNK")
                : ("PRIO" + p.Groups["prio"].Value, "POL");
            rest = rest[p.Length..].TrimStart();
        }

        string? meldkamer = null, meldkamerNumber = null;
        var m = MeldkamerPattern().Match(rest);
        if (m.Success)
        {
            (meldkamer, meldkamerNumber) = (m.Groups[1].Value, m.Groups[2].Value.PadLeft(2, '0'));
            rest = rest[m.Length..].TrimStart();
        }

        var flags = new List<string>();
        rest = FlagPattern().Replace(rest, f =>
        {
            flags.Add(f.Groups[1].Value.Trim());
            return " ";
        });
        rest = Regex.Replace(rest, @"\s+", " ").Trim();

        Hectometrering? hectometre = null;
        var h = HectometrePattern().Match(rest);
        if (h.Success)
        {
            // The pattern admits only what a hectometre position is: a road, a side and a kilometre to one decimal.
            hectometre = Hectometrering.Create(h.Groups["weg"].Value.ToUpperInvariant(), h.Groups["zijde"].Success ? Side(h.Groups["zijde"].Value) : null,
                decimal.Parse(h.Groups["km"].Value.Replace(',', '.'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture));
            rest = (rest[..h.Index] + " " + rest[(h.Index + h.Length)..]).Trim();
            rest = Regex.Replace(rest, @"\s+", " ");
        }

        // The incident text: a known phrase at the start, or the words before the first capitalised word.
        string? incident = null, classificatie = null, matched = null;
        var lower = rest.ToLowerInvariant();
        foreach (var (phrase, code) in Phrases)
        {
            if (lower.StartsWith(phrase, StringComparison.Ordinal) && (lower.Length == phrase.Length || !char.IsLetter(lower[phrase.Length])))
            {
                (classificatie, matched) = (code, phrase);
                break;
            }
        }

        var words = rest.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        if (priority is null && meldkamer is null && matched is null && hectometre is null)
        {
            // No part of the grammar: the text is kept as it is, unread.
            return new P2000Message { Raw = raw, Text = text, Flags = flags, Units = units, Unrecognised = rest.Length > 0 ? rest : null, Confidence = P2000Confidence.Low };
        }

        var take = IncidentLength(words, matched);
        if (take > 0)
        {
            incident = string.Join(' ', words.Take(take));
            words = words.Skip(take).ToList();
        }

        if (classificatie is null && incident is not null)
        {
            var incidentLower = incident.ToLowerInvariant();
            classificatie = Phrases.FirstOrDefault(x => incidentLower.Contains(x.Phrase, StringComparison.Ordinal)).Code;
        }

        var estimated = false;
        if (classificatie is null && discipline is not null)
        {
            classificatie = discipline switch { "GNK" => "gz", "POL" => "vo", _ => "br" };
            estimated = true;
        }

        // The location: street, house number, place; or the place after a road position.
        string? street = null, place = null, suffix = null;
        int? number = null;
        var numberAt = words.FindLastIndex(w => HouseNumber().IsMatch(w));
        if (numberAt > 0)
        {
            var n = HouseNumber().Match(words[numberAt]);
            number = int.Parse(n.Groups[1].Value, CultureInfo.InvariantCulture);
            suffix = n.Groups[2].Value.Length > 0 ? n.Groups[2].Value : null;
            street = string.Join(' ', words.Take(numberAt));
            place = numberAt + 1 < words.Count ? string.Join(' ', words.Skip(numberAt + 1)) : null;
        }
        else if (words.Count >= 2 && hectometre is null)
        {
            street = string.Join(' ', words.Take(words.Count - 1));
            place = words[^1];
        }
        else if (words.Count >= 1)
        {
            place = string.Join(' ', words);
        }

        var regions = units.Select(u => int.Parse(u[..2], CultureInfo.InvariantCulture)).Where(r => r is >= 1 and <= 25).Distinct().ToList();
        var region = regions.Count == 1 ? $"VR{regions[0]:00}" : null;
        var located = number is not null || hectometre is not null;
        var confidence = priority is not null && classificatie is not null && !estimated && located ? P2000Confidence.High
            : priority is not null && classificatie is not null && !estimated && (street is not null || place is not null) ? P2000Confidence.Medium
            : P2000Confidence.Low;
        return new P2000Message
        {
            Raw = raw,
            Text = text,
            Priority = priority,
            Discipline = discipline,
            Meldkamer = meldkamer,
            MeldkamerNumber = meldkamerNumber,
            Flags = flags,
            IncidentText = incident,
            Classificatie = classificatie,
            ClassificatieEstimated = estimated,
            Street = street,
            HouseNumber = number,
            HouseNumberSuffix = suffix,
            Place = place,
            Hectometre = hectometre,
            Units = units,
            Region = region,
            Confidence = confidence,
        };
    }

    /// <summary>How many words the incident text has: the matched phrase, or the words up to the first capitalised one.</summary>
    private static int IncidentLength(List<string> words, string? phrase)
    {
        if (words.Count == 0)
        {
            return 0;
        }

        if (phrase is null && words.Count >= 2 && HouseNumber().IsMatch(words[1]))
        {
            // A street and its number straight away: no incident text (an ambulance line such as "A2 Dorpsstraat 14B").
            return 0;
        }

        var minimum = phrase is null ? 1 : phrase.Split(' ').Length;
        var count = Math.Min(minimum, words.Count);
        while (count < words.Count)
        {
            var word = words[count];
            var startsUpper = char.IsUpper(word[0]);
            var abbreviation = word.Length <= 4 && word.All(c => char.IsUpper(c) || c == '.' || c == '-');
            if (startsUpper && !abbreviation)
            {
                break;
            }

            if (HouseNumber().IsMatch(word))
            {
                return Math.Max(1, count - 1);
            }

            count++;
        }

        return count == words.Count && words.Count > 1 && phrase is null ? 1 : count;
    }

    private static Rijbaanzijde Side(string side) => side.Equals("li", StringComparison.OrdinalIgnoreCase) ? Rijbaanzijde.Links : Rijbaanzijde.Rechts;

    private static TimeZoneInfo FindAmsterdam()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.CreateCustomTimeZone("CET", TimeSpan.FromHours(1), "CET", "CET");
        }
    }

    [GeneratedRegex(@"^[0-9]{6}$")]
    private static partial Regex UnitNumber();

    [GeneratedRegex(@"^(?:P\s?(?<p>[1-5])|(?<a>A[0-2]|B[12]?)|(?:PRIO|Prio|prio)\s?(?<prio>[1-3]))(?=\s|$)")]
    private static partial Regex PriorityPattern();

    [GeneratedRegex(@"^([A-Z]{3})-([0-9]{1,2})(?=\s|$)")]
    private static partial Regex MeldkamerPattern();

    [GeneratedRegex(@"\(([^()]*)\)")]
    private static partial Regex FlagPattern();

    [GeneratedRegex(@"\b(?<weg>[ANSans][0-9]{1,4})\s+(?:(?<zijde>[Ll]i|[Rr]e)\s+)?(?<km>[0-9]{1,3}[,.][0-9])\b")]
    private static partial Regex HectometrePattern();

    [GeneratedRegex(@"^([0-9]{1,5})([A-Za-z]{0,4})$")]
    private static partial Regex HouseNumber();
}
