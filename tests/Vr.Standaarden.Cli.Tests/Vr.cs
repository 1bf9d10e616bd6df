using System.Text;

namespace Vr.Standaarden.Cli.Tests;

/// <summary>Runs the <c>vr</c> tool in process, as the command line would, and captures what it writes.</summary>
internal static class Vr
{
    public static (int Exit, string Out, string Err) Run(params string[] args) => RunWithInput("", args);

    public static (int Exit, string Out, string Err) RunWithInput(string stdin, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = Program.Run(args, () => new MemoryStream(Encoding.UTF8.GetBytes(stdin)), stdout, stderr);
        return (exit, stdout.ToString().Replace("\r\n", "\n", StringComparison.Ordinal), stderr.ToString().Replace("\r\n", "\n", StringComparison.Ordinal));
    }
}
