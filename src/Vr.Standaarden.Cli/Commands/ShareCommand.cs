using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Vr.Standaarden.Schema.Input;
using Vr.Standaarden.Uitwisseling;

namespace Vr.Standaarden.Cli.Commands;

/// <summary>
/// <c>vr share --register &lt;afnemers.json&gt; --recipient &lt;OIN&gt; &lt;message.json&gt;</c>: the sharing decision for one
/// message and one recipient, as JSON.
/// </summary>
internal static class ShareCommand
{
    private static readonly JsonSerializerOptions Output = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Command Create(Func<Stream> stdin, TextWriter stdout, TextWriter stderr)
    {
        var register = new Option<string>("--register") { Description = "The recipient register (meta/afnemers.schema.json of the standard).", Required = true };
        var recipient = new Option<string>("--recipient") { Description = "The OIN of the recipient.", Required = true };
        var holder = new Option<string?>("--holder") { Description = "The OIN of the organisation that holds the message and decides (default: the OIN in its source, as on the first hop)." };
        var message = new Argument<string>("message.json") { Description = "The message; - reads standard input." };
        var command = new Command("share", "Decide whether a message may go to a recipient: TLP 2.0, doelbinding, rubricering, tijdbinding, and minimisation of personal data. Prints {\"decision\": \"deliver|minimise|refuse\", \"codes\": [...], \"message\": <the message as delivered, absent when refused>}. Exit code 0: delivered (minimised or not); 1: refused; 2: usage error.")
        {
            register, recipient, holder, message,
        };
        command.SetAction(parse => Run(parse.GetValue(register)!, parse.GetValue(recipient)!, parse.GetValue(holder), parse.GetValue(message)!, stdin, stdout, stderr));
        return command;
    }

    private static int Run(string registerFile, string recipient, string? holder, string file, Func<Stream> stdin, TextWriter stdout, TextWriter stderr)
    {
        SharingPolicy policy;
        byte[]? bytes;
        try
        {
            policy = new SharingPolicy(RecipientRegister.Parse(File.ReadAllBytes(registerFile)), new SharingOptions { Holder = holder });
            bytes = ValidateCommand.ReadInstance(file, stdin, InputLimits.Default.MaxBytes, out _);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
        {
            stderr.WriteLine($"vr share: {ex.Message}");
            return Program.UsageError;
        }

        var decision = bytes is null
            ? new SharingDecision(SharingVerdict.Refuse, [new SharingReason("VR-DEEL-011", new Schema.LocalizedText("The message is too large.", "Het bericht is te groot."))], null, [])
            : policy.Decide(bytes, recipient);
        var result = new JsonObject
        {
            ["decision"] = decision.Verdict switch { SharingVerdict.Deliver => "deliver", SharingVerdict.Minimise => "minimise", _ => "refuse" },
            ["codes"] = new JsonArray([.. decision.Reasons.Select(r => (JsonNode)r.Code)]),
        };
        if (decision.Message is not null)
        {
            result["message"] = decision.Message;
        }

        stdout.WriteLine(result.ToJsonString(Output));
        foreach (var reason in decision.Reasons)
        {
            stderr.WriteLine($"{file}: {reason.Code}: {reason.Text.English}");
        }

        return decision.Verdict == SharingVerdict.Refuse ? 1 : 0;
    }
}
