using System.CommandLine;

namespace Vr.Standaarden.Cli;

internal static class Program
{
    private static int Main(string[] args)
    {
        var root = new RootCommand("vr: tools for the Vr.Standaarden information standard of the Dutch safety regions.");
        return root.Parse(args).Invoke();
    }
}
