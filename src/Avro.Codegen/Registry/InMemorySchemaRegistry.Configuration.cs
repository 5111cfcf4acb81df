namespace Avro.Codegen.Registry;

// The in-memory registry, continued: configuration (compatibility level, normalize) and modes, global and per subject.
public sealed partial class InMemorySchemaRegistry
{
    // ---------------------------------------------------------------- config

    /// <summary><c>GET /config</c>: the global config (compatibility BACKWARD unless changed).</summary>
    public RegistryConfig GetGlobalConfig()
    {
        lock (_gate)
        {
            return _globalConfig;
        }
    }

    /// <summary><c>PUT /config</c>: updates the global config; returns what is stored. 42203 for an unknown level.</summary>
    public RegistryConfig SetGlobalConfig(RegistryConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var update = ValidateConfig(config);
        lock (_gate)
        {
            _globalConfig = Merge(update, _globalConfig);
            return update;
        }
    }

    /// <summary><c>DELETE /config</c>: returns the old global config; the level reverts to the server default.</summary>
    public RegistryConfig DeleteGlobalConfig()
    {
        lock (_gate)
        {
            var old = _globalConfig;
            _globalConfig = new RegistryConfig(RegistryConfig.DefaultCompatibilityLevel);
            return old;
        }
    }

    /// <summary>
    /// <c>GET /config/{subject}</c>: the subject's own config (40408 when it has none), or with
    /// <paramref name="defaultToGlobal"/> the effective one.
    /// </summary>
    public RegistryConfig GetSubjectConfig(string subject, bool defaultToGlobal = false)
    {
        lock (_gate)
        {
            if (defaultToGlobal)
            {
                return EffectiveConfigLocked(subject);
            }

            return _subjects.TryGetValue(subject, out var state) && state.Config is { } config
                ? config
                : throw Errors.SubjectConfigNotFound(subject);
        }
    }

    /// <summary><c>PUT /config/{subject}</c>: works for a subject without schemas too.</summary>
    public RegistryConfig SetSubjectConfig(string subject, RegistryConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var update = ValidateConfig(config);
        lock (_gate)
        {
            CheckSubjectValid(subject);
            var state = GetOrAddSubjectLocked(subject);
            state.Config = state.Config is null ? update : Merge(update, state.Config);
            return update;
        }
    }

    /// <summary><c>DELETE /config/{subject}</c>: returns the removed config; 40401 when the subject had none.</summary>
    public RegistryConfig DeleteSubjectConfig(string subject)
    {
        lock (_gate)
        {
            if (!_subjects.TryGetValue(subject, out var state) || state.Config is not { } old)
            {
                throw Errors.SubjectNotFound(subject);
            }

            state.Config = null;
            DropIfEmptyLocked(subject, state);
            return old;
        }
    }

    /// <summary>The compatibility level that applies to <paramref name="subject"/>.</summary>
    public string GetEffectiveCompatibilityLevel(string subject)
    {
        lock (_gate)
        {
            return EffectiveConfigLocked(subject).CompatibilityLevel ?? RegistryConfig.DefaultCompatibilityLevel;
        }
    }

    // ---------------------------------------------------------------- modes

    /// <summary><c>GET /mode</c>.</summary>
    public string GetGlobalMode()
    {
        lock (_gate)
        {
            return _globalMode;
        }
    }

    /// <summary>
    /// <c>PUT /mode</c>: 42204 for an unknown mode; switching to IMPORT while schemas exist needs <paramref name="force"/>.
    /// </summary>
    public string SetGlobalMode(string mode, bool force = false)
    {
        var value = ValidateMode(mode);
        lock (_gate)
        {
            if (value == RegistryModes.Import && !force && _subjects.Values.Any(s => s.Versions.Count > 0))
            {
                throw Errors.ImportNeedsEmptyRegistry();
            }

            _globalMode = value;
            return value;
        }
    }

    /// <summary><c>DELETE /mode</c>: back to READWRITE; returns the old mode.</summary>
    public string DeleteGlobalMode()
    {
        lock (_gate)
        {
            var old = _globalMode;
            _globalMode = RegistryModes.ReadWrite;
            return old;
        }
    }

    /// <summary><c>GET /mode/{subject}</c>: 40409 without a subject mode unless <paramref name="defaultToGlobal"/>.</summary>
    public string GetSubjectMode(string subject, bool defaultToGlobal = false)
    {
        lock (_gate)
        {
            if (_subjects.TryGetValue(subject, out var state) && state.Mode is { } mode)
            {
                return mode;
            }

            return defaultToGlobal ? _globalMode : throw Errors.SubjectModeNotFound(subject);
        }
    }

    /// <summary><c>PUT /mode/{subject}</c>.</summary>
    public string SetSubjectMode(string subject, string mode, bool force = false)
    {
        var value = ValidateMode(mode);
        if (value == RegistryModes.Forward)
        {
            throw Errors.InvalidMode();
        }

        lock (_gate)
        {
            CheckSubjectValid(subject);
            var state = GetOrAddSubjectLocked(subject);
            if (value == RegistryModes.Import && !force && state.Versions.Count > 0)
            {
                throw Errors.ImportNeedsEmptyRegistry();
            }

            state.Mode = value;
            return value;
        }
    }

    /// <summary><c>DELETE /mode/{subject}</c>: returns the removed mode; 40401 when the subject had none.</summary>
    public string DeleteSubjectMode(string subject)
    {
        lock (_gate)
        {
            if (!_subjects.TryGetValue(subject, out var state) || state.Mode is not { } old)
            {
                throw Errors.SubjectNotFound(subject);
            }

            state.Mode = null;
            DropIfEmptyLocked(subject, state);
            return old;
        }
    }

    private RegistryConfig EffectiveConfigLocked(string subject)
    {
        var config = _globalConfig;
        if (_subjects.TryGetValue(subject, out var state) && state.Config is { } own)
        {
            config = Merge(own, config);
        }

        return config.CompatibilityLevel is null ? config with { CompatibilityLevel = RegistryConfig.DefaultCompatibilityLevel } : config;
    }

    private string EffectiveModeLocked(string subject) =>
        _subjects.TryGetValue(subject, out var state) && state.Mode is { } mode ? mode : _globalMode;

    private void CheckWritableLocked(string subject)
    {
        if (EffectiveModeLocked(subject) is RegistryModes.ReadOnly or RegistryModes.ReadOnlyOverride)
        {
            throw Errors.ReadOnlyMode(subject);
        }
    }

    private static RegistryConfig Merge(RegistryConfig over, RegistryConfig under) =>
        new(over.CompatibilityLevel ?? under.CompatibilityLevel, over.Normalize ?? under.Normalize);

    private static RegistryConfig ValidateConfig(RegistryConfig config)
    {
        if (config.CompatibilityLevel is null)
        {
            return config;
        }

        return RegistryConfig.TryNormalizeLevel(config.CompatibilityLevel, out var level)
            ? config with { CompatibilityLevel = level }
            : throw Errors.InvalidCompatibilityLevel();
    }

    private static string ValidateMode(string mode)
    {
        foreach (var known in new[] { RegistryModes.ReadWrite, RegistryModes.ReadOnly, RegistryModes.ReadOnlyOverride, RegistryModes.Import, RegistryModes.Forward })
        {
            if (string.Equals(known, mode, StringComparison.OrdinalIgnoreCase))
            {
                return known;
            }
        }

        throw Errors.InvalidMode();
    }
}
