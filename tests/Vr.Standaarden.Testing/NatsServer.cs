using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Vr.Standaarden.Testing;

/// <summary>
/// A real nats-server (Debian's package) started for a test on a free 127.0.0.1 port with a temporary JetStream store,
/// stopped by its process id. <see cref="Kill"/> sends SIGKILL; <see cref="Start"/> starts it again on the same port
/// and store.
/// </summary>
public sealed class NatsServer : IDisposable
{
    private readonly string _arguments;
    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly bool _ownsFolder;
    private Process? _process;

    private NatsServer(string folder, bool ownsFolder, int port, string arguments, IReadOnlyDictionary<string, string> environment)
    {
        Folder = folder;
        _ownsFolder = ownsFolder;
        Port = port;
        _arguments = arguments;
        _environment = environment;
    }

    /// <summary>The server's client port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>nats://127.0.0.1:port.</summary>
    public string Url => $"nats://127.0.0.1:{Port}";

    /// <summary>The temporary folder with the store (and the log).</summary>
    public string Folder { get; }

    /// <summary>The running process's id, or <c>null</c> when it is not running.</summary>
    public int? ProcessId => _process is { HasExited: false } p ? p.Id : null;

    /// <summary>The path of nats-server, or <c>null</c> when it is not installed.</summary>
    public static string? Executable =>
        new[] { "/usr/sbin/nats-server", "/usr/bin/nats-server", "/usr/local/bin/nats-server" }.FirstOrDefault(File.Exists);

    /// <summary>Starts a JetStream server on a free port with a store in a new temporary folder.</summary>
    public static NatsServer StartJetStream()
    {
        var folder = Directory.CreateTempSubdirectory("vr-nats-").FullName;
        var port = FreePort();
        var server = new NatsServer(folder, true, port, $"-a 127.0.0.1 -p {port} -js -sd {Path.Combine(folder, "store")} -l {Path.Combine(folder, "nats.log")}", new Dictionary<string, string>());
        server.Start();
        return server;
    }

    /// <summary>
    /// Starts a server with configuration file <paramref name="config"/>, its variables taken from
    /// <paramref name="environment"/> (nats-server reads <c>$NAME</c> from the environment), on client port
    /// <paramref name="port"/>, logging into <paramref name="folder"/>.
    /// </summary>
    public static NatsServer StartWithConfig(string config, int port, string folder, IReadOnlyDictionary<string, string> environment)
    {
        var server = new NatsServer(folder, false, port, $"-c {config} -l {Path.Combine(folder, "nats.log")}", environment);
        server.Start();
        return server;
    }

    /// <summary>A TCP port on 127.0.0.1 that was free a moment ago.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Starts the server (again) and waits until it accepts connections.</summary>
    public void Start()
    {
        if (ProcessId is not null)
        {
            return;
        }

        var start = new ProcessStartInfo(Executable ?? throw new InvalidOperationException("nats-server is not installed (apt-get install nats-server)."), _arguments)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (name, value) in _environment)
        {
            start.Environment[name] = value;
        }

        _process = Process.Start(start)!;
        // A test host or benchmark that ends without disposing (an unhandled exception) still stops its server.
        var process = _process;
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                if (!process.HasExited)
                {
                    process.Kill();
                }
            }
            catch (InvalidOperationException)
            {
            }
        };
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"nats-server exited with {_process.ExitCode}: {Log()}");
            }

            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, Port);
                if (Log().Contains("Server is ready", StringComparison.Ordinal))
                {
                    return;
                }
            }
            catch (SocketException)
            {
            }

            Thread.Sleep(50);
        }

        throw new TimeoutException($"nats-server did not start on port {Port}: {Log()}");
    }

    /// <summary>Kills the server with SIGKILL and waits for it to be gone.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false } p)
        {
            p.Kill();
            p.WaitForExit();
        }

        _process?.Dispose();
        _process = null;
    }

    /// <summary>The server's log so far.</summary>
    public string Log()
    {
        var path = Path.Combine(Folder, "nats.log");
        if (!File.Exists(path))
        {
            return "";
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Kill();
        if (_ownsFolder)
        {
            try
            {
                Directory.Delete(Folder, true);
            }
            catch (IOException)
            {
            }
        }
    }
}
