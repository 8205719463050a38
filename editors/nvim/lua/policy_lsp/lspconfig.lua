-- nvim-lspconfig integration (older lspconfig with the `configs` registry):
--   require('policy_lsp.lspconfig').register()
--   require('lspconfig').policy_lsp.setup({ settings = { policyLsp = { rules = { ... } } } })
-- Attaches to every JSON buffer whose name or content looks like a policy, and to CloudFormation
-- templates (YAML, JSON) and Terraform files (require('policy_lsp').is_policy_buffer decides).
local M = {}

function M.register()
  local configs = require('lspconfig.configs')
  local util = require('lspconfig.util')
  local policy = require('policy_lsp')
  if configs.policy_lsp then
    return
  end
  local root = util.root_pattern('policy-lsp.toml', '.policy-lsp.toml', '.git')
  configs.policy_lsp = {
    default_config = {
      cmd = { 'policy-lsp', 'serve' },
      filetypes = policy.defaults.filetypes,
      root_dir = function(fname)
        local bufnr = vim.fn.bufnr(fname)
        if bufnr ~= -1 and not policy.is_policy_buffer(bufnr, policy.defaults) then
          return nil -- not a policy: do not attach
        end
        return root(fname) or vim.fn.fnamemodify(fname, ':p:h')
      end,
      init_options = { policyLsp = {} },
      settings = { policyLsp = {} },
      get_language_id = policy.language_id,
    },
    docs = { description = 'policy-lsp: AWS access-policy JSON (IAM, trust, KMS key, S3 bucket, SCP).' },
  }
end

return M
