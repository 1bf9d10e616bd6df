using System.Text;
using System.Text.Json;

namespace Vr.Standaarden.Schema;

/// <summary>The outcome of evaluating an instance against a <see cref="JsonSchema"/>.</summary>
public sealed class EvaluationResult
{
    // Output goes to logs, terminals and files, never into HTML: keep quotes and non-ASCII readable.
    private static readonly JsonWriterOptions Compact = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonWriterOptions Indented = new() { Indented = true, Encoder = Compact.Encoder };
    private OutputUnit? _root;
    private IReadOnlyList<OutputUnit>? _mostSpecific;

    private static readonly EvaluationResult[] Verdicts =
    [
        new(false, OutputFormat.Flag, []), new(true, OutputFormat.Flag, []),
        new(false, OutputFormat.List, []), new(true, OutputFormat.List, []),
        new(false, OutputFormat.Hierarchical, []), new(true, OutputFormat.Hierarchical, []),
    ];

    /// <summary>A shared result without errors (results are immutable, so one instance serves every caller).</summary>
    internal static EvaluationResult Of(bool isValid, OutputFormat format) => Verdicts[((int)format * 2) + (isValid ? 1 : 0)];

    internal EvaluationResult(bool isValid, OutputFormat format, IReadOnlyList<OutputUnit> errors)
    {
        IsValid = isValid;
        Format = format;
        Errors = errors;
    }

    /// <summary>Whether the instance is valid against the schema.</summary>
    public bool IsValid { get; }

    /// <summary>The format that was asked for.</summary>
    public OutputFormat Format { get; }

    /// <summary>
    /// The failed keywords, in evaluation order, each located in the schema and the instance. Empty when the instance
    /// is valid, and always empty in the <see cref="OutputFormat.Flag"/> format.
    /// </summary>
    public IReadOnlyList<OutputUnit> Errors { get; }

    /// <summary>
    /// The errors with no other error below them on the evaluation path: what has to be fixed. The summaries of the
    /// applicators above them (<c>properties</c>, <c>$ref</c>, <c>allOf</c>, ...) are left out, and so is the summary
    /// of an <c>if</c> whose <c>then</c> or <c>else</c> has errors of its own.
    /// </summary>
    public IReadOnlyList<OutputUnit> MostSpecificErrors => _mostSpecific ??=
    [
        .. Errors.Where(e => !Errors.Any(o => !ReferenceEquals(o, e) && Explains(o.KeywordLocation, e))),
    ];

    // Whether an error at 'location' is the detail that 'summary' sums up.
    private static bool Explains(string location, OutputUnit summary)
    {
        if (location.StartsWith(summary.KeywordLocation + "/", StringComparison.Ordinal))
        {
            return true;
        }

        if (summary.Keyword != "if" || !summary.KeywordLocation.EndsWith("/if", StringComparison.Ordinal))
        {
            return false;
        }

        var parent = summary.KeywordLocation[..^"if".Length];
        return location.StartsWith(parent + "then/", StringComparison.Ordinal) || location.StartsWith(parent + "else/", StringComparison.Ordinal);
    }

    /// <summary>
    /// The errors nested along the evaluation path: each unit holds, in <see cref="OutputUnit.Details"/>, the units
    /// of the subschemas it applied. The root stands for the whole schema at the instance root.
    /// </summary>
    public OutputUnit Root => _root ??= Hierarchy.Build(IsValid, Errors);

    /// <summary>Writes the result as JSON in <see cref="Format"/>.</summary>
    public void WriteTo(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        switch (Format)
        {
            case OutputFormat.Flag:
                writer.WriteStartObject();
                writer.WriteBoolean("valid", IsValid);
                writer.WriteEndObject();
                break;
            case OutputFormat.List:
                writer.WriteStartObject();
                writer.WriteBoolean("valid", IsValid);
                if (!IsValid)
                {
                    writer.WriteStartArray("errors");
                    foreach (var error in Errors)
                    {
                        error.WriteTo(writer, nested: false);
                    }

                    writer.WriteEndArray();
                }

                writer.WriteEndObject();
                break;
            default:
                Root.WriteTo(writer, nested: true);
                break;
        }
    }

    /// <summary>The result as JSON in <see cref="Format"/>.</summary>
    public string ToJson(bool indented = false)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, indented ? Indented : Compact))
        {
            WriteTo(writer);
        }

        return Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }

    private static class Hierarchy
    {
        public static OutputUnit Build(bool valid, IReadOnlyList<OutputUnit> errors)
        {
            var root = new OutputUnit(string.Empty, string.Empty, null, string.Empty, new LocalizedText(string.Empty, string.Empty)) { Valid = valid };
            var children = new Dictionary<OutputUnit, List<OutputUnit>> { [root] = [] };
            var stack = new List<OutputUnit>();
            foreach (var error in errors.OrderBy(e => e.KeywordLocation.Length))
            {
                // The parent is the deepest unit already placed whose evaluation path and instance location contain this one.
                OutputUnit parent = root;
                foreach (var candidate in stack)
                {
                    if (IsPrefix(candidate.KeywordLocation, error.KeywordLocation, strict: true) &&
                        IsPrefix(candidate.InstanceLocation, error.InstanceLocation, strict: false) &&
                        candidate.KeywordLocation.Length >= parent.KeywordLocation.Length)
                    {
                        parent = candidate;
                    }
                }

                children[parent].Add(error);
                children[error] = [];
                stack.Add(error);
            }

            foreach (var (unit, list) in children)
            {
                unit.Details = list;
            }

            return root;
        }

        private static bool IsPrefix(string outer, string inner, bool strict)
        {
            if (inner.Length == outer.Length)
            {
                return !strict && inner == outer;
            }

            return inner.Length > outer.Length && inner.StartsWith(outer, StringComparison.Ordinal) &&
                   (outer.Length == 0 || inner[outer.Length] == '/');
        }
    }
}
