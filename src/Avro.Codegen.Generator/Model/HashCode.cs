namespace Avro.Codegen.Generator.Model;

/// <summary>
/// A small stand-in for <c>System.HashCode</c>, which netstandard2.0 lacks. Hashes only need to be stable within one
/// process (they drive incremental caching), so a simple multiplicative mix is enough.
/// </summary>
internal struct HashCode
{
    private int _value;
    private bool _started;

    public void Add<T>(T value)
    {
        var h = value is null ? 0 : value.GetHashCode();
        _value = _started ? unchecked((_value * -1521134295) + h) : h;
        _started = true;
    }

    public readonly int ToHashCode() => _value;
}
