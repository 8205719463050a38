-- The Neovim 0.11+ config of the end-to-end test: exactly what the "Neovim 0.11 native
-- config" section of editors/nvim/README.md tells users to write. run.sh fills in the
-- plugin folder and puts the server under test first on PATH as `policy-lsp`, which is
-- what lsp/policy_lsp.lua runs (cmd = { 'policy-lsp', 'serve' }). Filetype detection is
-- on (-u FILE keeps it), so lsp/policy_lsp.lua's filetypes and root_markers decide.
vim.opt.runtimepath:append(os.getenv('POLICY_LSP_NVIM_PLUGIN'))
vim.lsp.config('policy_lsp', { settings = { policyLsp = { rules = { ['unknown-action'] = 'warning' } } } })
vim.lsp.enable('policy_lsp')
