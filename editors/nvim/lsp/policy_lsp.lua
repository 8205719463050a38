-- Neovim 0.11+ native config (`:h lsp-config`): put editors/nvim on the runtimepath and run
--   vim.lsp.enable('policy_lsp')
-- Override with vim.lsp.config('policy_lsp', { settings = { policyLsp = { ... } } }).
-- This attaches to every JSON buffer; the server ignores JSON that is not a policy. Use
-- require('policy_lsp').setup() instead to attach only to detected policy files.
local settings = {
  -- notes = { paths = { 'docs/governance.md' } },
  -- rules = { ['public-access'] = 'error', ['action-case'] = 'off' },
  -- kinds = { ['keys/**/*.json'] = 'kms-key' },
  -- catalog = { path = '' },
}
return {
  cmd = { 'policy-lsp', 'serve' },
  filetypes = { 'json', 'jsonc' },
  root_markers = { 'policy-lsp.toml', '.policy-lsp.toml', '.git' },
  init_options = { policyLsp = settings },
  settings = { policyLsp = settings },
  get_language_id = function()
    return 'json'
  end,
}
