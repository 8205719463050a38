-- Neovim 0.11+ native config (`:h lsp-config`): put editors/nvim on the runtimepath and run
--   vim.lsp.enable('policy_lsp')
-- Override with vim.lsp.config('policy_lsp', { settings = { policyLsp = { ... } } }).
-- This attaches to every JSON buffer, and to YAML and Terraform buffers whose file names can
-- hold policies (`*.yaml`, `*.yml`, `*.template`, `*.cfn`, `*.tf`); the server decides from the
-- name and content whether a file is a policy or a CloudFormation template and ignores the rest.
-- Use require('policy_lsp').setup() instead to attach only to detected policy files and templates.
local settings = {
  -- notes = { paths = { 'docs/governance.md' } },
  -- rules = { ['public-access'] = 'error', ['action-case'] = 'off' },
  -- kinds = { ['keys/**/*.json'] = 'kms-key' },
  -- catalog = { path = '' },
}
local root_markers = { 'policy-lsp.toml', '.policy-lsp.toml', '.git' }

-- Names of the YAML and Terraform files the server analyses (it reads other YAML as JSON).
local function host_name(name)
  name = name:lower()
  for _, suffix in ipairs({ '%.tf$', '%.ya?ml$', '%.template$', '%.cfn$', '%.json%.tpl$', '%.json%.tftpl$' }) do
    if name:match(suffix) then
      return true
    end
  end
  return false
end

return {
  cmd = { 'policy-lsp', 'serve' },
  filetypes = { 'json', 'jsonc', 'yaml', 'terraform', 'hcl' },
  root_markers = root_markers,
  -- JSON: always; YAML, Terraform, HCL: only files with a host's name.
  root_dir = function(bufnr, on_dir)
    local name = vim.api.nvim_buf_get_name(bufnr)
    local ft = vim.bo[bufnr].filetype
    if ft ~= 'json' and ft ~= 'jsonc' and not host_name(name) then
      return
    end
    on_dir(vim.fs.root(bufnr, root_markers) or vim.fs.dirname(name))
  end,
  init_options = { policyLsp = settings },
  settings = { policyLsp = settings },
  -- The buffer's language: json, jsonc, yaml, terraform (any `*.tf`), hcl.
  get_language_id = function(bufnr, filetype)
    local name = vim.api.nvim_buf_get_name(bufnr):lower()
    if name:match('%.tf$') then
      return 'terraform'
    end
    if filetype == 'yaml' or filetype == 'jsonc' or filetype == 'terraform' or filetype == 'hcl' then
      return filetype
    end
    return 'json'
  end,
}
