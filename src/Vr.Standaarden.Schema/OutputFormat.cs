namespace Vr.Standaarden.Schema;

/// <summary>The output formats of the JSON Schema 2020-12 specification (§12.4).</summary>
public enum OutputFormat
{
    /// <summary>Only the overall verdict: <c>{"valid": false}</c>. The fastest; no errors are collected.</summary>
    Flag,

    /// <summary>The "basic" format: a flat list of output units, one per failed keyword.</summary>
    List,

    /// <summary>Output units nested along the evaluation path.</summary>
    Hierarchical,
}
