using System.Text;
using System.Text.Json;
using Vr.Standaarden.Begrippen;
using Vr.Standaarden.Model;
using Vr.Standaarden.Schema;
using Vr.Standaarden.Validatie;

namespace Vr.Standaarden.Fuzzing;

/// <summary>
/// One fuzz target per entry point that takes untrusted input. A target returns normally for every input, throwing
/// only the exceptions its API documents for bad input; anything else (and a broken invariant) is a crash.
/// </summary>
public static class Targets
{
    // Made on first use: instrumented code may only run inside the fuzzing loop, once SharpFuzz has set up its coverage map.
    private static MessageValidator? validator;

    private static readonly byte[][] Instances =
    [
        "null"u8.ToArray(), "0"u8.ToArray(), "1e308"u8.ToArray(), "\"2026-11-20T22:00:00+01:00\""u8.ToArray(), "[1, \"a\", [], {}]"u8.ToArray(),
        """{"id": "a", "naam": "b", "n": -1.5, "x": [null, true]}"""u8.ToArray(),
    ];

    /// <summary>The names of the targets, as <c>eng/fuzz.sh</c> takes them.</summary>
    public static IReadOnlyDictionary<string, Action<byte[]>> All { get; } = new Dictionary<string, Action<byte[]>>(StringComparer.Ordinal)
    {
        ["messages-read"] = MessagesRead,
        ["message-validator"] = MessageValidatorValidate,
        ["schema"] = SchemaBuildAndEvaluate,
        ["pattern"] = Pattern,
        ["values"] = Values,
        ["transport-receive"] = TransportReceive,
        ["cap-read"] = CapRead,
    };

    /// <summary><c>Messages.Read</c>: never throws; a message it returns can be written and read again without new violations.</summary>
    public static void MessagesRead(byte[] input)
    {
        var message = Messages.Read(input, out var errors);
        if (message is not null && errors.Count == 0)
        {
            var written = Messages.Write(message);
            if (Messages.Validate(written).Count != 0)
            {
                throw new InvalidOperationException("A message read without violations was written with violations.");
            }
        }
    }

    /// <summary>
    /// <c>CapReader.Read</c> throws only <see cref="Vr.Standaarden.Interop.Cap.CapReadException"/>; what it reads validates
    /// without throwing, and writing it is stable: what is written reads back and writes to the same bytes.
    /// </summary>
    public static void CapRead(byte[] input)
    {
        Vr.Standaarden.Interop.Cap.CapAlert alert;
        try
        {
            alert = Vr.Standaarden.Interop.Cap.CapReader.Read(input, new Vr.Standaarden.Interop.Cap.CapReaderOptions { MaxBytes = 64 * 1024 });
        }
        catch (Vr.Standaarden.Interop.Cap.CapReadException)
        {
            return;
        }

        _ = Vr.Standaarden.Interop.Cap.CapValidator.Validate(alert);
        var written = Vr.Standaarden.Interop.Cap.CapWriter.Write(alert);
        var again = Vr.Standaarden.Interop.Cap.CapWriter.Write(Vr.Standaarden.Interop.Cap.CapReader.Read(written));
        if (!written.AsSpan().SequenceEqual(again))
        {
            throw new InvalidOperationException("A written alert did not read back to the same bytes.");
        }
    }

    private static Vr.Standaarden.Transport.MessageReceiver? receiver;

    /// <summary>
    /// <c>TransportMessage.Parse</c> throws only <see cref="Vr.Standaarden.Transport.TransportMessageException"/>; the
    /// receiving pipeline (validation on) never throws, and never accepts what cannot be parsed or is not UTF-8.
    /// </summary>
    public static void TransportReceive(byte[] input)
    {
        var parsed = true;
        try
        {
            var message = Vr.Standaarden.Transport.TransportMessage.Parse(input);
            if (message.Source.Length == 0 || message.Id.Length == 0 || message.Type.Length == 0)
            {
                throw new InvalidOperationException("A parsed message lacks source, id or type.");
            }
        }
        catch (Vr.Standaarden.Transport.TransportMessageException)
        {
            parsed = false;
        }

        receiver ??= new Vr.Standaarden.Transport.MessageReceiver(new Vr.Standaarden.Transport.ReceiverOptions
        {
            Verification = Vr.Standaarden.Transport.VerificationMode.Off,
            Sharing = Vr.Standaarden.Transport.SharingMode.Off,
            Deduplication = Vr.Standaarden.Transport.DeduplicationMode.Off,
        }).HandleOther((_, _) => ValueTask.CompletedTask);
        var outcome = receiver.ReceiveAsync(input).GetAwaiter().GetResult();
        if (outcome.Status == Vr.Standaarden.Transport.ReceiveStatus.Accepted && (!parsed || !System.Text.Unicode.Utf8.IsValid(input)))
        {
            throw new InvalidOperationException("The pipeline accepted bytes that are not a message or not UTF-8.");
        }
    }

    /// <summary><c>MessageValidator.Validate</c>: never throws, and bytes that are not UTF-8 are never valid.</summary>
    public static void MessageValidatorValidate(byte[] input)
    {
        validator ??= new MessageValidator();
        var result = validator.Validate(input);
        if (result.IsValid && !System.Text.Unicode.Utf8.IsValid(input))
        {
            throw new InvalidOperationException("Bytes that are not UTF-8 were called valid.");
        }
    }

    /// <summary><c>JsonSchema.FromUtf8</c> and <c>Evaluate</c>: building throws only <see cref="JsonSchemaException"/>; evaluating never throws, and flag and list agree.</summary>
    public static void SchemaBuildAndEvaluate(byte[] input)
    {
        JsonSchema schema;
        try
        {
            schema = JsonSchema.FromUtf8(input, new JsonSchemaOptions { Registry = new SchemaRegistry(), RegexMatchTimeout = TimeSpan.FromMilliseconds(50) });
        }
        catch (JsonSchemaException)
        {
            return;
        }

        foreach (var instance in Instances)
        {
            var flag = schema.Evaluate(instance, OutputFormat.Flag).IsValid;
            var list = schema.Evaluate(instance, OutputFormat.List);
            if (flag != list.IsValid || list.IsValid != (list.Errors.Count == 0))
            {
                throw new InvalidOperationException("The flag and list formats disagree.");
            }
        }
    }

    /// <summary>The ECMA-262 pattern translation: the first line is a pattern, the rest a text to match; only an invalid pattern is refused, as a schema error.</summary>
    public static void Pattern(byte[] input)
    {
        var text = Encoding.UTF8.GetString(input);
        var newline = text.IndexOf('\n', StringComparison.Ordinal);
        var pattern = newline < 0 ? text : text[..newline];
        var value = newline < 0 ? "" : text[(newline + 1)..];
        JsonSchema schema;
        try
        {
            schema = JsonSchema.FromText(JsonSerializer.Serialize(new Dictionary<string, string> { ["pattern"] = pattern }),
                new JsonSchemaOptions { RegexMatchTimeout = TimeSpan.FromMilliseconds(50) });
        }
        catch (InvalidSchemaException)
        {
            return;
        }

        schema.Evaluate(JsonSerializer.SerializeToUtf8Bytes(value), OutputFormat.List);
    }

    /// <summary>The value types: <c>TryParse</c> never throws, and what it accepts formats to a text that parses to the same value.</summary>
    public static void Values(byte[] input)
    {
        var text = Encoding.UTF8.GetString(input);
        RoundTrip<Oin>(text, Oin.TryParse, Oin.Parse);
        RoundTrip<BagId>(text, BagId.TryParse, BagId.Parse);
        RoundTrip<Postcode>(text, Postcode.TryParse, Postcode.Parse);
        RoundTrip<Begrippen.Hectometrering>(text, Begrippen.Hectometrering.TryParse, Begrippen.Hectometrering.Parse);
        RoundTrip<GemeenteCode>(text, GemeenteCode.TryParse, GemeenteCode.Parse);
        RoundTrip<VeiligheidsregioCode>(text, VeiligheidsregioCode.TryParse, VeiligheidsregioCode.Parse);
        RoundTrip<LmcCode>(text, LmcCode.TryParse, LmcCode.Parse);
    }

    private delegate bool TryParser<T>(string? s, out T result);

    private static void RoundTrip<T>(string text, TryParser<T> tryParse, Func<string, T> parse)
        where T : notnull
    {
        if (tryParse(text, out var value) && !Equals(parse(value.ToString()!), value))
        {
            throw new InvalidOperationException($"{typeof(T).Name} '{text}' does not round-trip through '{value}'.");
        }
    }
}
