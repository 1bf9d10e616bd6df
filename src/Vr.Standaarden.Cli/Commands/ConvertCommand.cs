using System.CommandLine;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Vr.Standaarden.Interop.Cap;
using Vr.Standaarden.Interop.Edxl;
using Vr.Standaarden.Interop.GeoJson;
using Vr.Standaarden.Interop.P2000;
using Vr.Standaarden.Schema.Input;

namespace Vr.Standaarden.Cli.Commands;

/// <summary>
/// <c>vr convert --from cap|edxl-de|p2000|bericht --to bericht|cap|edxl-de|geojson &lt;file|-&gt;...</c>: the formats
/// partners already send, to and from the standard's messages.
/// </summary>
internal static class ConvertCommand
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonSerializerOptions Compact = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Command Create(Func<Stream> stdin, TextWriter stdout, TextWriter stderr)
    {
        var from = new Option<string>("--from") { Description = "The input format: cap (1.2, 1.1, 1.0), edxl-de (2.0, 1.0), p2000 (pager lines or multimon-ng FLEX lines) or bericht (messages of the standard).", Required = true };
        from.AcceptOnlyFromAmong("cap", "edxl-de", "p2000", "bericht");
        var to = new Option<string>("--to") { Description = "The output format: bericht, cap, edxl-de or geojson.", Required = true };
        to.AcceptOnlyFromAmong("bericht", "cap", "edxl-de", "geojson");
        var output = new Option<string?>("--output", "-o") { Description = "Write one file per result into this folder instead of standard output." };
        var source = new Option<string?>("--source") { Description = "The messages' source, urn:nld:oin:<OIN>[:…]: the converting system. Needed when the input's sender is no OIN URN (CAP, EDXL-DE) and for P2000." };
        var meldkamer = new Option<string[]>("--meldkamer") { Description = "P2000: the OIN of a meldkamer code, as CODE=OIN (repeatable), such as BDH=00000004000000042000.", AllowMultipleArgumentsPerToken = false };
        var defaultMeldkamer = new Option<string?>("--default-meldkamer") { Description = "P2000: the meldkamer OIN when the code is unknown or absent." };
        var tlp = new Option<string?>("--tlp") { Description = "EDXL-DE: the TLP label when the distribution states no confidentiality (never guessed)." };
        var lenient = new Option<bool>("--lenient") { Description = "CAP: what only CAP 1.2's usage notes advise against (restriction on a public alert, an empty references or polygon) is a warning and the conversion goes on (the default)." };
        var strict = new Option<bool>("--strict") { Description = "CAP: what the usage notes advise against is an error, and the alert is not converted to messages." };
        var inputs = new Argument<string[]>("file") { Description = "Input files; - reads standard input.", Arity = ArgumentArity.OneOrMore };
        var command = new Command("convert", "Convert between CAP, EDXL-DE, P2000, GeoJSON and messages of the standard. One result goes to standard output (several messages one per line), or each to -o <folder>; standard error names each finding and ends each input with '<input>: converted <n>, <w> warnings, <e> errors'. Exit code 0: all converted (warnings allowed); 1: an input had errors (the valid inputs are still converted; --from cap --to cap writes every alert that parses); 2: usage error.")
        {
            from, to, output, source, meldkamer, defaultMeldkamer, tlp, lenient, strict, inputs,
        };
        command.SetAction(parse =>
        {
            if (parse.GetValue(lenient) && parse.GetValue(strict))
            {
                stderr.WriteLine("vr convert: --lenient and --strict exclude each other.");
                return Program.UsageError;
            }

            return Run(new Request(parse.GetValue(from)!, parse.GetValue(to)!, parse.GetValue(output), parse.GetValue(source), parse.GetValue(meldkamer) ?? [], parse.GetValue(defaultMeldkamer), parse.GetValue(tlp), parse.GetValue(inputs)!,
                parse.GetValue(strict) ? CapValidationMode.Strict : CapValidationMode.Lenient), stdin, stdout, stderr);
        });
        return command;
    }

    private sealed record Request(string From, string To, string? Output, string? Source, string[] Meldkamers, string? DefaultMeldkamer, string? Tlp, string[] Inputs, CapValidationMode Mode);

    /// <summary>The findings of one input, counted for its summary line.</summary>
    private sealed class Tally
    {
        public int Warnings { get; set; }

        public int Errors { get; set; }
    }

    private static int Run(Request request, Func<Stream> stdin, TextWriter stdout, TextWriter stderr)
    {
        if (request.From == request.To && request.From != "cap")
        {
            stderr.WriteLine($"vr convert: --from and --to are both {request.From}.");
            return Program.UsageError;
        }

        var p2000 = new P2000MappingOptions { Source = request.Source, DefaultMeldkamer = request.DefaultMeldkamer };
        foreach (var pair in request.Meldkamers)
        {
            var split = pair.Split('=', 2);
            if (split.Length != 2 || split[0].Length == 0 || split[1].Length == 0)
            {
                stderr.WriteLine($"vr convert: --meldkamer '{pair}' is not CODE=OIN.");
                return Program.UsageError;
            }

            p2000.Meldkamers[split[0]] = split[1];
        }

        if (request.From == "p2000" && request.To != "geojson" && request.Source is null)
        {
            stderr.WriteLine("vr convert: --source <urn:nld:oin:…> is needed for P2000 (the messages' sender is the converting system).");
            return Program.UsageError;
        }

        var exit = 0;
        var results = new List<(string Name, object Value)>();
        foreach (var input in request.Inputs)
        {
            byte[] bytes;
            try
            {
                bytes = ValidateCommand.ReadInstance(input, stdin, InputLimits.Default.MaxBytes, out var length) ?? throw new IOException($"{input} is larger than {InputLimits.Default.MaxBytes} bytes.");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                stderr.WriteLine($"vr convert: {e.Message}");
                return Program.UsageError;
            }

            var name = input == "-" ? "stdin" : Path.GetFileNameWithoutExtension(input);
            var tally = new Tally();
            var before = results.Count;
            try
            {
                var converted = Convert(request, p2000, input, name, bytes, results, stderr, tally);
                tally.Errors += converted == 1 && tally.Errors == 0 ? 1 : 0;
                exit = Math.Max(exit, converted);
            }
            catch (Exception e) when (e is CapReadException or CapMappingException or EdxlReadException or EdxlMappingException or JsonException or FormatException)
            {
                stderr.WriteLine($"{input}: {e.Message}");
                tally.Errors++;
                exit = 1;
            }

            stderr.WriteLine($"{input}: converted {results.Count - before}, {tally.Warnings} warnings, {tally.Errors} errors");
        }

        if (request.To == "cap" && request.From is "bericht" or "p2000")
        {
            try
            {
                results = [.. results.Select(r => (JsonObject)r.Value)
                    .GroupBy(m => (string?)m["data"]?["uitbreidingen"]?[CapMapping.Extension]?["alert"]?["identifier"] ?? (string?)m["data"]?["id"] ?? "")
                    .Select(g => (g.Key, (object)CapWriter.Write(CapMapping.ToAlert(g))))];
            }
            catch (CapMappingException e)
            {
                stderr.WriteLine($"vr convert: {e.Message}");
                return 1;
            }
        }

        if (request.To == "geojson" && request.Output is null)
        {
            var collection = GeoJsonExport.FeatureCollection(results.Select(r => (JsonObject)r.Value));
            stdout.WriteLine(collection.ToJsonString(Indented));
            return exit;
        }

        if (request.Output is null)
        {
            var xml = results.Where(r => r.Value is byte[]).ToList();
            if (xml.Count > 1)
            {
                stderr.WriteLine($"vr convert: {xml.Count} XML documents do not fit on standard output; give -o <folder>.");
                return Program.UsageError;
            }

            foreach (var (_, value) in results)
            {
                if (value is byte[] document)
                {
                    stdout.WriteLine(Encoding.UTF8.GetString(document));
                }
                else
                {
                    stdout.WriteLine(((JsonObject)value).ToJsonString(results.Count == 1 ? Indented : Compact));
                }
            }

            return exit;
        }

        Directory.CreateDirectory(request.Output);
        if (request.To == "geojson")
        {
            foreach (var group in results.GroupBy(r => r.Name))
            {
                File.WriteAllText(Path.Combine(request.Output, FileName(group.Key) + ".geojson"), GeoJsonExport.FeatureCollection(group.Select(g => (JsonObject)g.Value)).ToJsonString(Indented) + "\n");
            }

            return exit;
        }

        foreach (var (name, value) in results)
        {
            if (value is byte[] document)
            {
                File.WriteAllBytes(Path.Combine(request.Output, FileName(name) + ".xml"), document);
            }
            else
            {
                File.WriteAllText(Path.Combine(request.Output, FileName((string?)((JsonObject)value)["id"] ?? name) + ".json"), ((JsonObject)value).ToJsonString(Indented) + "\n");
            }
        }

        return exit;
    }

    private static int Convert(Request request, P2000MappingOptions p2000, string input, string name, byte[] bytes, List<(string, object)> results, TextWriter stderr, Tally tally)
    {
        var exit = 0;
        var messages = new List<JsonObject>();
        var alerts = new List<CapAlert>();
        switch (request.From)
        {
            case "cap":
                var alert = CapReader.Read(bytes);
                if (Report(input, CapValidator.Validate(alert, request.Mode), stderr, tally))
                {
                    // What parses as CAP goes back to CAP as it was; only messages of the standard need a valid alert.
                    exit = 1;
                    if (request.To != "cap")
                    {
                        return 1;
                    }
                }

                alerts.Add(alert);
                if (request.To is "bericht" or "geojson")
                {
                    var made = CapMapping.ToMessages(alert, new CapMappingOptions { Source = request.Source ?? (request.To == "geojson" ? "urn:nld:oin:00000000000000000000" : null) });
                    if (request.To == "geojson" && request.Source is null)
                    {
                        // A map needs no converting system: the features name the alert's sender.
                        foreach (var message in made)
                        {
                            message["source"] = alert.Sender;
                        }
                    }

                    messages.AddRange(made);
                }

                break;
            case "edxl-de":
                var distribution = EdxlReader.Read(bytes);
                var (tlp, rubricering) = EdxlMapping.Confidentiality(distribution.CombinedConfidentiality, request.Tlp);
                foreach (var content in distribution.Contents)
                {
                    if (content.IsCap)
                    {
                        var embedded = CapReader.Read(Encoding.UTF8.GetBytes(content.EmbeddedXml!));
                        if (Report(input, CapValidator.Validate(embedded, request.Mode), stderr, tally))
                        {
                            exit = 1;
                            continue;
                        }

                        alerts.Add(embedded);
                        foreach (var message in CapMapping.ToMessages(embedded, new CapMappingOptions { Source = request.Source }))
                        {
                            message["tlp"] = Stricter((string?)message["tlp"], tlp);
                            if (rubricering is not null)
                            {
                                message["rubricering"] = rubricering;
                            }

                            messages.Add(message);
                        }
                    }
                    else if (content.MimeType?.StartsWith("application/cloudevents+json", StringComparison.Ordinal) == true && content.ContentData is { } data)
                    {
                        messages.Add(JsonNode.Parse(System.Convert.FromBase64String(data))!.AsObject());
                    }
                    else
                    {
                        stderr.WriteLine($"{input}: a content object of type {content.MimeType ?? "(none)"} ({content.Description}) has no place in a message; left out.");
                    }
                }

                break;
            case "p2000":
                var lines = Encoding.UTF8.GetString(bytes).Split('\n');
                for (var i = 0; i < lines.Length; i++)
                {
                    if (lines[i].Trim().Length == 0)
                    {
                        continue;
                    }

                    var read = P2000Reader.Read(lines[i]);
                    try
                    {
                        var message = P2000Mapping.ToMessage(read, p2000.Source is null ? new P2000MappingOptions { Source = "urn:nld:oin:00000000000000000000", DefaultMeldkamer = p2000.DefaultMeldkamer ?? "00000000000000000000" } : p2000);
                        if (p2000.Source is null)
                        {
                            // Only for a map (geojson): no sender is claimed.
                            message.Remove("source");
                        }

                        messages.Add(message);
                    }
                    catch (P2000MappingException e)
                    {
                        stderr.WriteLine($"{input}:{i + 1}: {e.Message}");
                        tally.Errors++;
                        exit = 1;
                    }
                }

                break;
            default:
                var node = JsonNode.Parse(bytes, documentOptions: new JsonDocumentOptions { MaxDepth = InputLimits.Default.MaxDepth });
                if (node is JsonObject single)
                {
                    messages.Add(single);
                }
                else
                {
                    throw new FormatException("A message of the standard is a JSON object.");
                }

                break;
        }

        switch (request.To)
        {
            case "bericht" or "geojson":
                results.AddRange(messages.Select(m => (name, (object)m)));
                break;
            case "cap":
                if (request.From == "bericht" || request.From == "p2000")
                {
                    if (messages.Any(m => (string?)m["type"] is not (CapMapping.MessageType or CapMapping.NoticeType)))
                    {
                        throw new CapMappingException("Only waarschuwing and kennisgeving messages become CAP alerts.");
                    }

                    // Grouped into alerts over all inputs at the end: the languages of one alert may come in several files.
                    results.AddRange(messages.Select(m => (name, (object)m)));
                }
                else
                {
                    results.AddRange(alerts.Select(a => (name, (object)CapWriter.Write(a))));
                }

                break;
            case "edxl-de":
                if (alerts.Count > 0 && request.From == "cap")
                {
                    results.AddRange(alerts.Select(a => (name, (object)EdxlReader.Write(Wrap(a)))));
                }
                else if (messages.Count > 0)
                {
                    results.Add((name, EdxlReader.Write(EdxlMapping.FromMessages(messages))));
                }

                break;
        }

        return exit;
    }

    /// <summary>An alert in a distribution: scope → TLP label as in the CAP mapping, msgType → kind.</summary>
    private static EdxlDistribution Wrap(CapAlert alert)
    {
        var distribution = new EdxlDistribution
        {
            DistributionId = alert.Identifier,
            SenderId = alert.Sender,
            DateTimeSent = alert.Sent.Text,
            DateTimeExpires = alert.Infos.Select(i => i.Expires?.Text).FirstOrDefault(t => t is not null) ?? alert.Sent.Text,
            DistributionStatus = alert.Status == "Draft" ? "Test" : alert.Status,
            DistributionKind = alert.MsgType switch { "Alert" => "Report", var other => other },
            CombinedConfidentiality = alert.Scope switch { "Public" => "TLP:CLEAR", "Private" => "TLP:RED", _ => "TLP:AMBER" },
            Language = alert.Infos.FirstOrDefault()?.Language,
        };
        distribution.Contents.Add(new EdxlContent { Description = alert.Infos.FirstOrDefault()?.Headline ?? alert.Infos.FirstOrDefault()?.Event, IncidentId = alert.Incidents, EmbeddedXml = Encoding.UTF8.GetString(CapWriter.Write(alert)).Split("?>", 2)[^1].Trim() });
        return distribution;
    }

    private static string Stricter(string? a, string b)
    {
        string[] order = ["TLP:CLEAR", "TLP:GREEN", "TLP:AMBER", "TLP:AMBER+STRICT", "TLP:RED"];
        return Array.IndexOf(order, a) >= Array.IndexOf(order, b) ? a ?? b : b;
    }

    /// <summary>Prints the findings and counts them; <c>true</c> when any is an error.</summary>
    private static bool Report(string input, IReadOnlyList<CapFinding> findings, TextWriter stderr, Tally tally)
    {
        foreach (var finding in findings)
        {
            stderr.WriteLine($"{input}: {finding}");
        }

        tally.Warnings += findings.Count(f => f.Severity == CapSeverity.Warning);
        tally.Errors += findings.Count(f => f.Severity == CapSeverity.Error);
        return findings.Any(f => f.Severity == CapSeverity.Error);
    }

    private static string FileName(string id)
    {
        var invalid = Path.GetInvalidFileNameChars();
        return new string([.. id.Select(c => invalid.Contains(c) || c is '\\' or '#' ? '_' : c)]);
    }
}
