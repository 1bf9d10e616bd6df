using System.CommandLine;
using System.Text;
using System.Text.Json;
using Vr.Standaarden.Schema;
using Vr.Standaarden.Schema.Input;

namespace Vr.Standaarden.Cli.Commands;

/// <summary>
/// <c>vr validate [--dialect draft7|2019-09|2020-12] --schema &lt;schema.json&gt; [--ref &lt;uri-prefix&gt;=&lt;folder-or-file&gt;]...
/// [--assert-format] [--output text|flag|list|hierarchical] [--jobs N] &lt;instance.json&gt;...</c>
/// </summary>
internal static class ValidateCommand
{
    private const int Valid = 0, Invalid = 1;

    public static Command Create(Func<Stream> stdin, TextWriter stdout, TextWriter stderr)
    {
        var dialect = new Option<string?>("--dialect")
        {
            Description = "The dialect when the schema has no $schema (or to override it): draft7, 2019-09 or 2020-12.",
        };
        dialect.AcceptOnlyFromAmong("draft7", "2019-09", "2020-12");

        var schema = new Option<string?>("--schema")
        {
            Description = "The schema file. Without it the instances are messages of the standard (envelope and data), checked against the release in their dataschema and its domain rules.",
        };

        var references = new Option<string[]>("--ref")
        {
            Description = "Resolve every URI that starts with <uri-prefix> to the same relative path under <folder> (or to <file>), read only when referenced. Repeatable.",
            Arity = ArgumentArity.ZeroOrMore,
        };

        var assertFormat = new Option<bool>("--assert-format")
        {
            Description = "Treat 'format' as an assertion: a value that does not match its format is invalid.",
        };

        var output = new Option<string>("--output")
        {
            Description = "text: one line per instance plus located errors; flag, list, hierarchical: the JSON Schema output formats, one JSON object per instance per line, with an \"instance\" member.",
            DefaultValueFactory = _ => "text",
        };
        output.AcceptOnlyFromAmong("text", "flag", "list", "hierarchical");

        var entity = new Option<string?>("--entity")
        {
            Description = "Validate bare entities of the standard (for example melding or incident, without an envelope) against the schema of that name in the release of --release.",
        };

        var release = new Option<string?>("--release")
        {
            Description = $"The release of the standard for --entity. Default: the newest this tool holds ({string.Join(", ", Validatie.StandardSchemas.Releases)}).",
        };

        var maxBytes = new Option<long>("--max-bytes")
        {
            Description = "Refuse an instance larger than this many bytes (16 MiB by default), unread.",
            DefaultValueFactory = _ => InputLimits.DefaultMaxBytes,
        };

        var maxDepth = new Option<int>("--max-depth")
        {
            Description = "Refuse an instance whose arrays and objects nest deeper than this.",
            DefaultValueFactory = _ => InputLimits.DefaultMaxDepth,
        };

        var jobs = new Option<int>("--jobs", "-j")
        {
            Description = "Validate this many instances at once (by default as many as the machine has cores); the output keeps the order of the instances.",
            DefaultValueFactory = _ => Environment.ProcessorCount,
        };

        var instances = new Argument<string[]>("instance")
        {
            Description = "Instance files to validate; '-' reads standard input.",
            Arity = ArgumentArity.OneOrMore,
        };

        var command = new Command("validate", "Validate JSON instances against a JSON Schema (draft-07, 2019-09 or 2020-12), offline. Exit code 0: all valid; 1: any invalid; 2: usage error or unusable schema.")
        {
            dialect, schema, entity, release, references, assertFormat, output, maxBytes, maxDepth, jobs, instances,
        };

        command.SetAction(parse =>
        {
            var bytes = parse.GetValue(maxBytes);
            var depth = parse.GetValue(maxDepth);
            if (bytes <= 0 || depth <= 0 || parse.GetValue(jobs) <= 0)
            {
                stderr.WriteLine("vr validate: --max-bytes, --max-depth and --jobs must be positive.");
                return Program.UsageError;
            }

            return Run(
            parse.GetValue(dialect),
            parse.GetValue(schema),
            parse.GetValue(entity),
            parse.GetValue(release),
            parse.GetValue(references) ?? [],
            parse.GetValue(assertFormat),
            parse.GetValue(output)!,
            parse.GetValue(instances)!,
            new InputLimits(bytes, depth),
            parse.GetValue(jobs),
            stdin,
            stdout,
            stderr);
        });
        return command;
    }

    private static int Run(string? dialect, string? schemaPath, string? entity, string? release, string[] references, bool assertFormat, string output, string[] instances, InputLimits limits, int jobs, Func<Stream> stdin, TextWriter stdout, TextWriter stderr)
    {
        if (entity is not null || release is not null)
        {
            if (schemaPath is not null || entity is null)
            {
                stderr.WriteLine("vr validate: --entity takes the schema from the standard, so it goes without --schema; --release needs --entity.");
                return Program.UsageError;
            }

            return Entities(entity, release, output, instances, limits, jobs, stdin, stdout, stderr);
        }

        if (schemaPath is null)
        {
            if (dialect is not null || references.Length > 0 || output == "hierarchical")
            {
                stderr.WriteLine("vr validate: without --schema the instances are messages of the standard; --dialect, --ref and --output hierarchical need --schema.");
                return Program.UsageError;
            }

            return StandardMessages.Validate(output, instances, limits, jobs, stdin, stdout, stderr);
        }

        var registry = new SchemaRegistry();
        foreach (var reference in references)
        {
            var equals = reference.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || equals == reference.Length - 1)
            {
                stderr.WriteLine($"vr validate: --ref must be <uri-prefix>=<folder-or-file>, not '{reference}'.");
                return Program.UsageError;
            }

            try
            {
                registry.MapPrefix(reference[..equals], reference[(equals + 1)..]);
            }
            catch (IOException ex)
            {
                stderr.WriteLine($"vr validate: --ref {reference}: {ex.Message}");
                return Program.UsageError;
            }
        }

        JsonSchema schema;
        try
        {
            var full = Path.GetFullPath(schemaPath);
            if (!File.Exists(full))
            {
                stderr.WriteLine($"vr validate: the schema file '{schemaPath}' does not exist.");
                return Program.UsageError;
            }

            // Siblings of the schema file resolve by their relative file URIs and, when the file is named as in its $id,
            // by URIs relative to that $id; so does a tree whose layout mirrors the $id (as spec/<release>/ does).
            registry.MapPrefix(new Uri(Path.GetDirectoryName(full)! + Path.DirectorySeparatorChar).AbsoluteUri, Path.GetDirectoryName(full)!);
            if (MirroredRoot(full) is var (uriPrefix, folder))
            {
                registry.MapPrefix(uriPrefix, folder);
            }

            AddEmbeddedStandard(registry);
            schema = JsonSchema.FromFile(full, new JsonSchemaOptions
            {
                Dialect = dialect switch
                {
                    "draft7" => SchemaDialect.Draft7,
                    "2019-09" => SchemaDialect.Draft201909,
                    "2020-12" => SchemaDialect.Draft202012,
                    _ => null,
                },
                AssertFormat = assertFormat,
                Registry = registry,
            });
        }
        catch (JsonSchemaException ex)
        {
            stderr.WriteLine($"vr validate: the schema '{schemaPath}' cannot be used: {ex.Message}");
            return Program.UsageError;
        }

        return Evaluate(schema, output, instances, limits, jobs, stdin, stdout, stderr);
    }

    /// <summary>
    /// <c>--entity</c>: bare entities against the schema of that name in a release the tool holds, with formats asserted
    /// as for messages.
    /// </summary>
    private static int Entities(string entity, string? release, string output, string[] instances, InputLimits limits, int jobs, Func<Stream> stdin, TextWriter stdout, TextWriter stderr)
    {
        var releases = Validatie.StandardSchemas.Releases;
        release ??= releases[^1];
        if (!releases.Contains(release))
        {
            stderr.WriteLine($"vr validate: this tool holds release {string.Join(", ", releases)} of the standard, not '{release}'.");
            return Program.UsageError;
        }

        if (!Validatie.StandardSchemas.Names(release).Contains(entity))
        {
            stderr.WriteLine($"vr validate: release {release} has no entity '{entity}'; it has: {string.Join(", ", Validatie.StandardSchemas.Names(release))}.");
            return Program.UsageError;
        }

        return Evaluate(Validatie.StandardSchemas.Get(release, entity), output, instances, limits, jobs, stdin, stdout, stderr);
    }

    /// <summary>
    /// The schemas and code lists of every release embedded in the tool, registered under their <c>$id</c> where no file
    /// already provides that <c>$id</c>: a schema that extends the standard resolves offline without <c>--ref</c>.
    /// </summary>
    private static void AddEmbeddedStandard(SchemaRegistry registry)
    {
        foreach (var file in global::Vr.Standaarden.Spec.Standard.Releases.SelectMany(r => r.Definitions))
        {
            if (file.Id is { } id && !registry.Contains(new Uri(id)))
            {
                registry.Register(file.Root);
            }
        }
    }

    private static int Evaluate(JsonSchema schema, string output, string[] instances, InputLimits limits, int jobs, Func<Stream> stdin, TextWriter stdout, TextWriter stderr)
    {
        var format = output switch
        {
            "flag" => OutputFormat.Flag,
            "list" => OutputFormat.List,
            "hierarchical" => OutputFormat.Hierarchical,
            _ => (OutputFormat?)null,
        };

        var exit = Valid;
        InOrder.Run(instances, jobs, path =>
        {
            byte[]? bytes;
            long length;
            try
            {
                bytes = ReadInstance(path, stdin, limits.MaxBytes, out length);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return new Evaluated(null, null, ex);
            }

            try
            {
                // The limits are those of instances; the schema was read under the engine's own.
                var problem = bytes is null ? JsonInput.CheckSize(length, limits.MaxBytes) : JsonInput.Check(bytes, limits);
                return problem is not null
                    ? new Evaluated(null, new InvalidInstanceException($"The instance: {problem.Text.English}") { Problem = problem }, null)
                    : new Evaluated(schema.Evaluate(bytes, format ?? OutputFormat.List), null, null);
            }
            catch (InvalidInstanceException ex)
            {
                return new Evaluated(null, ex, null);
            }
        }, (path, outcome) =>
        {
            if (outcome.Error is { } error)
            {
                stderr.WriteLine($"vr validate: cannot read '{path}': {error.Message}");
                exit = Program.UsageError;
                return false;
            }

            if (outcome.Unreadable is not null || !outcome.Result!.IsValid)
            {
                exit = Invalid;
            }

            if (format is null)
            {
                WriteText(stdout, path, outcome.Result, outcome.Unreadable);
            }
            else
            {
                WriteJson(stdout, path, outcome.Result, outcome.Unreadable);
            }

            return true;
        });

        return exit;
    }

    private readonly record struct Evaluated(EvaluationResult? Result, InvalidInstanceException? Unreadable, Exception? Error);

    /// <summary>
    /// When the schema's <c>$id</c> ends in the same path segments as its file (at least the file name, so that siblings
    /// resolve by their <c>$id</c>-relative URIs),
    /// the URI prefix before those segments and the folder before them: <c>https://x/spec/1.0/schemas/a.json</c> at
    /// <c>/repo/spec/1.0/schemas/a.json</c> gives <c>https://x/</c> and <c>/repo/</c>.
    /// </summary>
    private static (string UriPrefix, string Folder)? MirroredRoot(string file)
    {
        string? id;
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(file), new JsonDocumentOptions { MaxDepth = 256 });
            id = document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("$id", out var value) ? value.GetString() : null;
        }
        catch (JsonException)
        {
            return null; // building the schema reports the syntax error with its location
        }

        if (!Uri.TryCreate(id, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.Query.Length > 0)
        {
            return null;
        }

        var uriSegments = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var fileSegments = file.Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
        var common = 0;
        while (common < uriSegments.Length && common < fileSegments.Length &&
               Uri.UnescapeDataString(uriSegments[^(common + 1)]) == fileSegments[^(common + 1)])
        {
            common++;
        }

        if (common < 1)
        {
            return null;
        }

        var prefix = uri.GetLeftPart(UriPartial.Authority) + "/" + string.Concat(uriSegments[..^common].Select(s => s + "/"));
        var folder = Path.GetDirectoryName(file)!;
        for (var i = 1; i < common; i++)
        {
            folder = Path.GetDirectoryName(folder)!;
        }

        return (prefix, folder);
    }

    private static void WriteText(TextWriter stdout, string path, EvaluationResult? result, InvalidInstanceException? unreadable)
    {
        if (unreadable is not null)
        {
            stdout.WriteLine($"{path}: invalid");
            stdout.WriteLine($"  {unreadable.Message}");
            return;
        }

        stdout.WriteLine($"{path}: {(result!.IsValid ? "valid" : "invalid")}");
        foreach (var error in result.MostSpecificErrors)
        {
            var where = error.InstanceLocation.Length == 0 ? "(root)" : error.InstanceLocation;
            stdout.WriteLine($"  {where}: {error.Message} (schema: {(error.KeywordLocation.Length == 0 ? "(root)" : error.KeywordLocation)})");
        }
    }

    private static void WriteJson(TextWriter stdout, string path, EvaluationResult? result, InvalidInstanceException? unreadable)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            if (unreadable is not null)
            {
                writer.WriteStartObject();
                writer.WriteString("instance", path);
                writer.WriteBoolean("valid", false);
                writer.WriteString("error", unreadable.Message);
                writer.WriteEndObject();
            }
            else
            {
                using var document = JsonDocument.Parse(result!.ToJson());
                writer.WriteStartObject();
                writer.WriteString("instance", path);
                foreach (var property in document.RootElement.EnumerateObject())
                {
                    property.WriteTo(writer);
                }

                writer.WriteEndObject();
            }
        }

        stdout.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
    }

    /// <summary>The bytes of an instance (<c>-</c> is standard input), or <c>null</c> and its true length when it is larger than <paramref name="maxBytes"/>.</summary>
    internal static byte[]? ReadInstance(string path, Func<Stream> stdin, long maxBytes, out long length)
    {
        using var stream = path == "-" ? stdin() : File.OpenRead(path);
        return JsonInput.ReadAll(stream, maxBytes, out length);
    }
}
