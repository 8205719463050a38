-- Loaded with --cmd, before the user's init file: records every call of vim.deprecate
-- (Neovim 0.9+; 0.7 has none), including soft deprecations that print nothing yet, so
-- e2e.lua can fail on any deprecated API used by editors/nvim or by the test itself.
_G.E2E_DEPRECATED = {}
if type(vim.deprecate) == 'function' then
  local orig = vim.deprecate
  vim.deprecate = function(name, alternative, version, plugin, backtrace)
    table.insert(_G.E2E_DEPRECATED, {
      name = tostring(name),
      alternative = alternative and tostring(alternative) or nil,
      where = debug.traceback('', 2),
    })
    return orig(name, alternative, version, plugin, backtrace)
  end
end
